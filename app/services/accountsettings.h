// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace parley::client {

// What the app remembers between runs that is no secret: the servers used recently and the last
// signed-in account (server, user id and profile, for a silent sign-in and an instant window).
class AccountSettings
{
public:
    struct Account
    {
        QString server;
        User user;
    };

    // file empty: the application's QSettings.
    explicit AccountSettings(const QString &file = {});
    ~AccountSettings();

    QStringList recentServers() const;
    void addRecentServer(const QString &server); // moves it to the front
    bool removeRecentServer(const QString &server);

    std::optional<Account> lastAccount() const;
    void rememberAccount(const QString &server, const User &user);
    // Forgets the account but not the address it signed in with (lastEmail).
    void forgetAccount();
    // The email of the last sign-in, kept after sign-out to fill the form in again.
    QString lastEmail() const;

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace parley::client
