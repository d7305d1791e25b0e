// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/accesstokens.h"
#include "auth/passwordhasher.h"
#include "auth/ratelimiter.h"
#include "config/serverconfig.h"
#include "realtime/connectionregistry.h"
#include "realtime/fanout.h"
#include "realtime/typingtracker.h"
#include "storage/storerunner.h"

#include <QDateTime>

namespace parley::server {

// What the request handlers share: one instance per server, handed to each handler.
struct Services
{
    const ServerConfig &config;
    QString serverName;
    StoreRunner &store;
    PasswordHasher &hasher;
    AccessTokens &tokens;
    ConnectionRegistry &registry;
    Fanout &fanout;
    TypingTracker &typing;
    RateLimiter &loginFailuresByAccount;
    RateLimiter &loginAttemptsByAddress;
    RateLimiter &registrationsByAddress;

    static QDateTime now() { return QDateTime::currentDateTimeUtc(); }
};

} // namespace parley::server
