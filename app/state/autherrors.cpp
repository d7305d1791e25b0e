#include "autherrors.h"

#include "serveraddress.h"
#include "validation.h"

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

void checkServer(FormErrors &errors, const QString &server)
{
    if (!serveraddress::normalize(server).isValid())
        errors.fields.insert(u"server"_s,
                             tr("Enter a server address, like chat.example.org:7447."));
}

} // namespace

FormErrors checkSignIn(const QString &server, const QString &email, const QString &password)
{
    FormErrors errors;
    checkServer(errors, server);
    if (checkEmail(u"email"_s, email.trimmed()))
        errors.fields.insert(u"email"_s, tr("Enter a valid email address."));
    if (password.isEmpty())
        errors.fields.insert(u"password"_s, tr("Enter your password."));
    return errors;
}

FormErrors checkSignUp(const QString &server, const QString &name, const QString &email,
                       const QString &password)
{
    FormErrors errors;
    checkServer(errors, server);
    if (checkName(u"name"_s, name.trimmed()))
        errors.fields.insert(u"name"_s, tr("Enter a name of 1 to 64 characters."));
    if (checkEmail(u"email"_s, email.trimmed()))
        errors.fields.insert(u"email"_s, tr("Enter a valid email address."));
    if (checkPassword(u"password"_s, password))
        errors.fields.insert(u"password"_s, tr("Use at least 8 characters."));
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
