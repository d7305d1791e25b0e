// SPDX-License-Identifier: GPL-3.0-or-later
#include "usercommands.h"

#include "adminconsole.h"
#include "adminstore.h"
#include "auth/passwordhasher.h"
#include "auth/securerandom.h"
#include "validation.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

const QCommandLineOption PasswordStdin(
    u"password-stdin"_s,
    u"Read the password from the first line of stdin instead of making a random one."_s);

// 12 random bytes: 16 characters of base64url, 96 bits.
QString randomPassword()
{
    return QString::fromLatin1(SecureRandom::bytes(12).toBase64(QByteArray::Base64UrlEncoding));
}

// A table with a header, columns padded to their widest cell.
QStringList alignedRows(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    QStringList lines;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            line += column + 1 < row.size() ? row[column].leftJustified(widths[column] + 2)
                                            : row[column];
        }
        lines.append(line);
    }
    return lines;
}

// The account behind an email, or a reported failure.
std::optional<Store::Credentials> accountByEmail(SqliteStore &store, const QString &email,
                                                 AdminConsole &console)
{
    auto credentials = store.credentialsByEmail(email.trimmed());
    if (store.takeFailure()) {
        console.fail(u"cannot read the database"_s);
        return std::nullopt;
    }
    if (!credentials)
        console.fail(u"there is no user with the email %1"_s.arg(email.trimmed()));
    return credentials;
}

} // namespace

QList<AdminCommand> UserCommands::commands()
{
    const QCommandLineOption name(u"name"_s, u"The user's display name (1 to 64 characters)."_s,
                                  u"NAME"_s);
    const QCommandLineOption email(u"email"_s, u"The address the user signs in with."_s,
                                   u"EMAIL"_s);
    const AdminCommand::Argument account{u"EMAIL"_s, u"The email of the account."_s};
    return {
        {{u"user"_s, u"add"_s},
         u"Create an account; prints its password unless --password-stdin gives one."_s,
         {name, email, PasswordStdin},
         {u"name"_s, u"email"_s},
         {},
         add},
        {{u"user"_s, u"list"_s}, u"List every account with its status."_s, {}, {}, {}, list},
        {{u"user"_s, u"disable"_s},
         u"Stop an account from signing in and end its sessions; its data stays."_s,
         {},
         {},
         {account},
         [](const AdminInvocation &i, const ServerConfig &c, AdminConsole &o) {
             return setDisabled(i, c, o, true);
         }},
        {{u"user"_s, u"enable"_s},
         u"Let a disabled account sign in again."_s,
         {},
         {},
         {account},
         [](const AdminInvocation &i, const ServerConfig &c, AdminConsole &o) {
             return setDisabled(i, c, o, false);
         }},
        {{u"user"_s, u"reset-password"_s},
         u"Give an account a new password (printed, or read with --password-stdin) and end its "
         u"sessions."_s,
         {PasswordStdin},
         {},
         {account},
         resetPassword},
    };
}

int UserCommands::add(const AdminInvocation &invocation, const ServerConfig &config,
                      AdminConsole &console)
{
    const QString name = invocation.value(u"name"_s).trimmed();
    const QString email = invocation.value(u"email"_s).trimmed();
    for (const auto &problem : {checkName(u"--name"_s, name), checkEmail(u"--email"_s, email)}) {
        if (problem)
            return console.usage(u"user add"_s, problem->message);
    }
    bool generated = false;
    const auto secret = password(invocation, console, &generated);
    if (!secret)
        return AdminUsage;

    QString error;
    const auto store = AdminStore::open(config, AdminStore::Missing::Create, &error);
    if (!store)
        return console.fail(error);
    const QByteArray hash = PasswordHasher::hashBlocking(*secret);
    if (hash.isEmpty())
        return console.fail(u"could not hash the password"_s);
    const auto created =
        store->createUser({name, email, hash, QString()}, QDateTime::currentDateTimeUtc());
    if (store->takeFailure())
        return console.fail(u"cannot write to the database"_s);
    if (!created)
        return console.fail(u"a user with the email %1 already exists"_s.arg(email));
    console.print(u"created user %1: %2 <%3>"_s.arg(created->id, created->name, created->email));
    if (generated)
        console.print(u"password: %1"_s.arg(*secret));
    return AdminOk;
}

int UserCommands::list(const AdminInvocation &, const ServerConfig &config, AdminConsole &console)
{
    QString error;
    const auto store = AdminStore::open(config, AdminStore::Missing::Refuse, &error);
    if (!store)
        return console.fail(error);
    const QList<Store::Account> accounts = store->accounts();
    if (store->takeFailure())
        return console.fail(u"cannot read the database"_s);
    QList<QStringList> rows{{u"ID"_s, u"NAME"_s, u"EMAIL"_s, u"STATUS"_s, u"CREATED (UTC)"_s}};
    for (const Store::Account &account : accounts) {
        rows.append({account.id, account.name, account.email,
                     account.disabled ? u"disabled"_s : u"active"_s,
                     account.createdAt.toString(u"yyyy-MM-dd hh:mm"_s)});
    }
    for (const QString &line : alignedRows(rows))
        console.print(line);
    return AdminOk;
}

int UserCommands::setDisabled(const AdminInvocation &invocation, const ServerConfig &config,
                              AdminConsole &console, bool disabled)
{
    QString error;
    const auto store = AdminStore::open(config, AdminStore::Missing::Refuse, &error);
    if (!store)
        return console.fail(error);
    const auto account = accountByEmail(*store, invocation.arguments.constFirst(), console);
    if (!account)
        return AdminFailed;
    const bool changed = store->setUserDisabled(account->userId, disabled);
    // A disabled account's sessions end with it; enabling does not bring them back.
    const QStringList ended =
        disabled ? store->revokeSessions(account->userId, QString()) : QStringList();
    if (!changed || store->takeFailure())
        return console.fail(u"cannot write to the database"_s);
    if (disabled) {
        console.print(u"disabled user %1 (%2); ended %3 session(s)"_s.arg(
            account->userId, invocation.arguments.constFirst().trimmed(),
            QString::number(ended.size())));
    } else {
        console.print(u"enabled user %1 (%2)"_s.arg(account->userId,
                                                    invocation.arguments.constFirst().trimmed()));
    }
    return AdminOk;
}

int UserCommands::resetPassword(const AdminInvocation &invocation, const ServerConfig &config,
                                AdminConsole &console)
{
    bool generated = false;
    const auto secret = password(invocation, console, &generated);
    if (!secret)
        return AdminUsage;
    QString error;
    const auto store = AdminStore::open(config, AdminStore::Missing::Refuse, &error);
    if (!store)
        return console.fail(error);
    const auto account = accountByEmail(*store, invocation.arguments.constFirst(), console);
    if (!account)
        return AdminFailed;
    const QByteArray hash = PasswordHasher::hashBlocking(*secret);
    if (hash.isEmpty())
        return console.fail(u"could not hash the password"_s);
    Store::UserChanges changes;
    changes.passwordHash = hash;
    const bool updated = store->updateUser(account->userId, changes).has_value();
    // Whoever knew the old password may hold a session; the reset ends them all.
    const QStringList ended = store->revokeSessions(account->userId, QString());
    if (!updated || store->takeFailure())
        return console.fail(u"cannot write to the database"_s);
    console.print(u"reset the password of user %1 (%2); ended %3 session(s)"_s.arg(
        account->userId, invocation.arguments.constFirst().trimmed(),
        QString::number(ended.size())));
    if (generated)
        console.print(u"password: %1"_s.arg(*secret));
    return AdminOk;
}

std::optional<QString> UserCommands::password(const AdminInvocation &invocation,
                                              AdminConsole &console, bool *generated)
{
    const QString command = invocation.words.join(u' ');
    *generated = !invocation.isSet(PasswordStdin.names().constFirst());
    if (*generated)
        return randomPassword();
    std::optional<QString> line = console.readLine();
    if (!line) {
        console.usage(command, u"--password-stdin: nothing came on stdin"_s);
        return std::nullopt;
    }
    if (const auto problem = checkPassword(u"the password from stdin"_s, *line)) {
        console.usage(command, problem->message);
        return std::nullopt;
    }
    return line;
}

} // namespace parley::server
