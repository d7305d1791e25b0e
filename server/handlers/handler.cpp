// SPDX-License-Identifier: GPL-3.0-or-later
#include "handler.h"

#include "media/avatarimage.h"

#include <QtConcurrentRun>

namespace parley::server {

Handler::Handler(Services &services, QObject *parent)
    : QObject(parent)
    , s(services)
{ }

void Handler::withReencodedAvatar(const Request &request, const QString &field,
                                  const QString &dataUri, std::function<void(const QString &)> done)
{
    if (dataUri.isNull()) {
        done(dataUri);
        return;
    }
    // Decoding is bounded but not free: keep it off the event loop and off the store thread.
    QtConcurrent::run([field, dataUri] {
        return AvatarImage::reencode(field, dataUri);
    }).then(this, [request, done = std::move(done)](const Result<QString> &stored) {
        if (!stored) {
            request.fail(stored.error());
            return;
        }
        done(*stored);
    });
}

void Handler::failInternal(const Request &request)
{
    request.fail(ErrorCode::Internal,
                 QStringLiteral("the server could not read or write its database; try again"));
}

} // namespace parley::server
