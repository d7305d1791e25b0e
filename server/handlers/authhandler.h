// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler.h"
#include "requests.h"

namespace parley::server {

// server.info and the auth.* operations: accounts, sign-in, tokens and sessions.
class AuthHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

private:
    void serverInfo(const Request &request);
    void registerUser(const Request &request);
    // Registration once the invite, the rate limit and the avatar have passed.
    void signUp(const Request &request, const RegisterRequest &input, const QByteArray &inviteHash);
    void login(const Request &request);
    void token(const Request &request);
    void refresh(const Request &request);
    void logout(const Request &request);

    // Makes a session for a verified user, signs the connection in and answers with AuthResult.
    void openSession(const Request &request, const User &user, const QString &device);
    void signIn(const Request &request, const QString &userId, const QString &sessionId);
    void answerLoginFailure(const Request &request, const QString &accountKey);
};

} // namespace parley::server
