// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitecommands.h"

#include "adminconsole.h"
#include "adminstore.h"
#include "auth/invitecodes.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr int DefaultUses = 1;
constexpr int MaxUses = 100'000;
constexpr int DefaultDays = 7;
constexpr int MaxDays = 3650;

// The option's whole number in [1, max], its default when absent, or nullopt when malformed.
std::optional<int> count(const AdminInvocation &invocation, const QString &option, int fallback,
                         int max)
{
    if (!invocation.isSet(option))
        return fallback;
    bool ok = false;
    const int value = invocation.value(option).toInt(&ok);
    if (!ok || value < 1 || value > max)
        return std::nullopt;
    return value;
}

} // namespace

QList<AdminCommand> InviteCommands::commands()
{
    return {
        {{u"invite"_s},
         u"Make an invite code for servers run with --registration invite."_s,
         {QCommandLineOption(
              u"uses"_s, u"How many accounts the code can make (default %1)."_s.arg(DefaultUses),
              u"N"_s),
          QCommandLineOption(u"expires"_s,
                             u"Days until the code expires (default %1)."_s.arg(DefaultDays),
                             u"DAYS"_s)},
         {},
         {},
         invite},
    };
}

int InviteCommands::invite(const AdminInvocation &invocation, const ServerConfig &config,
                           AdminConsole &console)
{
    const auto uses = count(invocation, u"uses"_s, DefaultUses, MaxUses);
    if (!uses)
        return console.usage(u"invite"_s,
                             u"--uses must be a whole number from 1 to %1, not '%2'"_s.arg(
                                 QString::number(MaxUses), invocation.value(u"uses"_s)));
    const auto days = count(invocation, u"expires"_s, DefaultDays, MaxDays);
    if (!days)
        return console.usage(
            u"invite"_s,
            u"--expires must be a whole number of days from 1 to %1, not '%2'"_s.arg(
                QString::number(MaxDays), invocation.value(u"expires"_s)));

    QString error;
    const auto store = AdminStore::open(config, AdminStore::Missing::Create, &error);
    if (!store)
        return console.fail(error);
    const QString code = InviteCodes::generate();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expires = now.addDays(*days);
    if (!store->createInvite(InviteCodes::hash(code), *uses, expires, now))
        return console.fail(u"cannot write the invite to the database"_s);
    console.print(code);
    console.print(u"valid for %1 sign-up(s) until %2 UTC"_s.arg(
        QString::number(*uses), expires.toString(u"yyyy-MM-dd hh:mm"_s)));
    if (config.registrationOpen || !config.registrationByInvite)
        console.note(u"note: this configuration has --registration %1; the server asks for "
                     u"invite codes only with --registration invite"_s.arg(
                         config.registrationOpen ? u"open"_s : u"closed"_s));
    return AdminOk;
}

} // namespace parley::server
