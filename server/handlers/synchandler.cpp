// SPDX-License-Identifier: GPL-3.0-or-later
#include "synchandler.h"

#include "dispatcher.h"
#include "requests.h"
#include "results.h"

namespace parley::server {

namespace {
const QByteArray CursorPrefix = QByteArrayLiteral("r1:");
}

void SyncHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::Sync, [this](const Request &r) { sync(r); });
}

QString SyncHandler::encodeCursor(qint64 revision)
{
    const QByteArray raw = CursorPrefix + QByteArray::number(revision);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> SyncHandler::decodeCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith(CursorPrefix))
        return std::nullopt;
    bool ok = false;
    const qint64 revision = decoded.decoded.mid(CursorPrefix.size()).toLongLong(&ok);
    if (!ok || revision < 0)
        return std::nullopt;
    return revision;
}

void SyncHandler::sync(const Request &request)
{
    const auto input = parse<SyncRequest>(request);
    if (!input)
        return;
    std::optional<qint64> since;
    if (!input->cursor.isNull()) {
        since = decodeCursor(input->cursor);
        if (!since) {
            request.fail(Error::about(QStringLiteral("cursor"), ErrorCode::BadRequest,
                                      QStringLiteral("cursor: not a cursor of this server")));
            return;
        }
    }
    query(
        request,
        [self = request.userId(), since](Store &store) {
            if (!since)
                return Store::SyncDelta{store.currentRevision(), {}, {}, {}, false};
            return store.changesSince(self, *since, limits::SyncMaxMessages);
        },
        [this, request, since](const Store::SyncDelta &delta) {
            const qint64 revision = std::max(delta.revision, since.value_or(0));
            request.ok(SyncResult{encodeCursor(revision), delta.messages,
                                  s.fanout.withPresence(delta.chats), delta.removedChatIds,
                                  delta.hasMore}
                           .toJson());
        });
}

} // namespace parley::server
