// SPDX-License-Identifier: GPL-3.0-or-later
#include "formrules.h"

#include "serveraddress.h"
#include "validation.h"

using namespace Qt::StringLiterals;

namespace parley::client {

FormRules::FormRules(QObject *parent)
    : QObject(parent)
{ }

QString FormRules::serverProblem(const QString &server)
{
    if (serveraddress::normalize(server).isValid())
        return {};
    return tr("Enter a server address, like chat.example.org:7447.");
}

QString FormRules::nameProblem(const QString &name)
{
    if (!checkName(u"name"_s, name.trimmed()))
        return {};
    return tr("Enter a name of %1 to %2 characters.")
        .arg(limits::NameMinChars)
        .arg(limits::NameMaxChars);
}

QString FormRules::emailProblem(const QString &email)
{
    if (!checkEmail(u"email"_s, email.trimmed()))
        return {};
    return tr("Enter a valid email address.");
}

QString FormRules::passwordProblem(const QString &password)
{
    if (!checkPassword(u"password"_s, password))
        return {};
    // The protocol counts bytes; people count characters, which is the same for the usual ones.
    if (password.toUtf8().size() > limits::PasswordMaxBytes)
        return tr("Use at most %1 characters.").arg(limits::PasswordMaxBytes);
    return tr("Use at least %1 characters.").arg(limits::PasswordMinBytes);
}

QString FormRules::enteredPasswordProblem(const QString &password)
{
    // Any length: an account may predate today's rule, and the server judges it anyway.
    return password.isEmpty() ? tr("Enter your password.") : QString();
}

QString FormRules::currentPasswordProblem(const QString &currentPassword)
{
    return currentPassword.isEmpty() ? tr("Enter your current password.") : QString();
}

QString FormRules::confirmationProblem(const QString &password, const QString &confirmation)
{
    return confirmation == password ? QString() : tr("The passwords don't match.");
}

} // namespace parley::client
