// SPDX-License-Identifier: GPL-3.0-or-later
#include "autherrors.h"

#include "formrules.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace parley::client::autherrors {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("parley::client::Session", text, nullptr, n);
}

// The form's own field the server blamed (the error's "field"), or none.
QString formFieldOf(const Error &error)
{
    static const QStringList fields{u"name"_s, u"email"_s, u"password"_s, u"currentPassword"_s,
                                    u"avatar"_s};
    return fields.contains(error.field) ? error.field : QString();
}

// Adds a field's complaint, if it has one.
void put(FormErrors &errors, const QString &field, const QString &problem)
{
    if (!problem.isEmpty())
        errors.fields.insert(field, problem);
}

} // namespace

FormErrors checkSignIn(const QString &server, const QString &email, const QString &password)
{
    FormErrors errors;
    put(errors, u"server"_s, FormRules::serverProblem(server));
    put(errors, u"email"_s, FormRules::emailProblem(email));
    put(errors, u"password"_s, FormRules::enteredPasswordProblem(password));
    return errors;
}

FormErrors checkSignUp(const QString &server, const QString &name, const QString &email,
                       const QString &password)
{
    FormErrors errors;
    put(errors, u"server"_s, FormRules::serverProblem(server));
    put(errors, u"name"_s, FormRules::nameProblem(name));
    put(errors, u"email"_s, FormRules::emailProblem(email));
    put(errors, u"password"_s, FormRules::passwordProblem(password));
    return errors;
}

FormErrors checkProfile(const QString &newName, const QString &password,
                        const QString &currentPassword)
{
    FormErrors errors;
    if (!newName.isNull())
        put(errors, u"name"_s, FormRules::nameProblem(newName));
    if (!password.isEmpty()) {
        put(errors, u"password"_s, FormRules::passwordProblem(password));
        put(errors, u"currentPassword"_s, FormRules::currentPasswordProblem(currentPassword));
    }
    return errors;
}

FormErrors fromServer(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Unauthenticated:
        return {{}, tr("Wrong email or password.")};
    case ErrorCode::Conflict:
        return {{{u"email"_s, tr("An account with this email already exists.")}}, {}};
    case ErrorCode::RateLimited:
        if (!error.retryAfterMs)
            return {{}, tr("Too many attempts. Try again later.")};
        return {{},
                tr("Too many attempts. Try again in %n second(s).",
                   static_cast<int>((*error.retryAfterMs + 999) / 1000))};
    case ErrorCode::Forbidden:
        return {{},
                error.message.isEmpty() ? tr("This server does not accept new accounts.")
                                        : error.message};
    case ErrorCode::BadRequest:
    case ErrorCode::TooLarge:
        if (const QString field = formFieldOf(error); !field.isEmpty())
            return {{{field, error.message}}, {}};
        break;
    default:
        break;
    }
    return {{}, error.message};
}

} // namespace parley::client::autherrors
