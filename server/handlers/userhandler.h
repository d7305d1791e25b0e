// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler.h"
#include "requests.h"

namespace parley::server {

// user.me, user.update, user.search and avatar.get.
class UserHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

private:
    void me(const Request &request);
    void update(const Request &request);
    void search(const Request &request);
    void avatar(const Request &request);

    // user.update once its avatar (if any) is the server's re-encoded copy.
    void updateWith(const Request &request, const UserUpdateRequest &input);
    void applyUpdate(const Request &request, const Store::UserChanges &changes);
};

} // namespace parley::server
