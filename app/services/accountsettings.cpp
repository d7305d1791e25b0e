// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountsettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

constexpr int RecentServersKept = 8;

const auto KeyRecent = u"servers/recent"_s;
const auto KeyServer = u"account/server"_s;
const auto KeyUserId = u"account/userId"_s;
const auto KeyUserName = u"account/name"_s;
const auto KeyUserEmail = u"account/email"_s;
const auto KeyUserAvatar = u"account/avatar"_s;
const auto KeyLastEmail = u"signIn/email"_s;

} // namespace

AccountSettings::AccountSettings(const QString &file)
    : m_settings(file.isEmpty() ? std::make_unique<QSettings>()
                                : std::make_unique<QSettings>(file, QSettings::IniFormat))
{ }

AccountSettings::~AccountSettings() = default;

QStringList AccountSettings::recentServers() const
{
    return m_settings->value(KeyRecent).toStringList();
}

void AccountSettings::addRecentServer(const QString &server)
{
    QStringList recent = recentServers();
    recent.removeAll(server);
    recent.prepend(server);
    while (recent.size() > RecentServersKept)
        recent.removeLast();
    m_settings->setValue(KeyRecent, recent);
}

bool AccountSettings::removeRecentServer(const QString &server)
{
    QStringList recent = recentServers();
    if (recent.removeAll(server) == 0)
        return false;
    m_settings->setValue(KeyRecent, recent);
    return true;
}

std::optional<AccountSettings::Account> AccountSettings::lastAccount() const
{
    Account account;
    account.server = m_settings->value(KeyServer).toString();
    account.user.id = m_settings->value(KeyUserId).toString();
    if (account.server.isEmpty() || account.user.id.isEmpty())
        return std::nullopt;
    account.user.name = m_settings->value(KeyUserName).toString();
    account.user.email = m_settings->value(KeyUserEmail).toString();
    account.user.avatar = m_settings->value(KeyUserAvatar).toString();
    return account;
}

void AccountSettings::rememberAccount(const QString &server, const User &user)
{
    m_settings->setValue(KeyServer, server);
    m_settings->setValue(KeyUserId, user.id);
    m_settings->setValue(KeyUserName, user.name);
    m_settings->setValue(KeyUserEmail, user.email);
    m_settings->setValue(KeyUserAvatar, user.avatar);
    if (!user.email.isEmpty())
        m_settings->setValue(KeyLastEmail, user.email);
    m_settings->sync();
}

QString AccountSettings::lastEmail() const
{
    return m_settings->value(KeyLastEmail).toString();
}

void AccountSettings::forgetAccount()
{
    for (const QString &key : {KeyServer, KeyUserId, KeyUserName, KeyUserEmail, KeyUserAvatar})
        m_settings->remove(key);
    m_settings->sync();
}

} // namespace parley::client
