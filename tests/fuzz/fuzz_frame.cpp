// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: everything a peer's bytes go through before any server or client logic, all of
// it pure code in parley_protocol. Each input is decoded as a client frame (under the default and
// under tight limits) and as a server frame; every request type and every result type validates
// the decoded data. Besides crashes and sanitizer reports, it aborts when a round trip that the
// protocol relies on breaks:
//  - a request that validated validates again, unchanged, once re-encoded as a client sends it;
//  - a result or event that parsed parses back to the same value from its own encoding;
//  - the server's answer to a refused frame is a frame that clients read back with its id and code.
#include "frame.h"
#include "requests.h"
#include "results.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

using namespace parley;

namespace {

[[noreturn]] void fail(const char *what, const QJsonObject &data)
{
    std::fprintf(stderr, "fuzz_frame: %s: %s\n", what,
                 QJsonDocument(data).toJson(QJsonDocument::Compact).constData());
    std::abort();
}

template<typename T> void checkRequest(const char *type, const QJsonObject &data)
{
    const auto parsed = T::fromJson(data);
    if (!parsed)
        return;
    const QJsonObject encoded = parsed->toJson();
    const auto again = T::fromJson(encoded);
    if (!again)
        fail(type, encoded);
    if (again->toJson() != encoded)
        fail(type, again->toJson());
}

template<typename T> void checkResult(const char *type, const QJsonObject &data)
{
    const auto parsed = T::fromJson(data);
    if (!parsed)
        return;
    const auto again = T::fromJson(parsed->toJson());
    if (!again || !(*again == *parsed))
        fail(type, parsed->toJson());
}

void checkEveryRequest(const QJsonObject &data)
{
    checkRequest<RegisterRequest>("RegisterRequest", data);
    checkRequest<LoginRequest>("LoginRequest", data);
    checkRequest<TokenRequest>("TokenRequest", data);
    checkRequest<RefreshRequest>("RefreshRequest", data);
    checkRequest<LogoutRequest>("LogoutRequest", data);
    checkRequest<UserUpdateRequest>("UserUpdateRequest", data);
    checkRequest<AvatarGetRequest>("AvatarGetRequest", data);
    checkRequest<UserSearchRequest>("UserSearchRequest", data);
    checkRequest<ChatDirectRequest>("ChatDirectRequest", data);
    checkRequest<ChatCreateGroupRequest>("ChatCreateGroupRequest", data);
    checkRequest<ChatRenameRequest>("ChatRenameRequest", data);
    checkRequest<ChatMemberRequest>("ChatMemberRequest", data);
    checkRequest<MessageSendRequest>("MessageSendRequest", data);
    checkRequest<MessageHistoryRequest>("MessageHistoryRequest", data);
    checkRequest<MessageEditRequest>("MessageEditRequest", data);
    checkRequest<MessageDeleteRequest>("MessageDeleteRequest", data);
    checkRequest<MarkReadRequest>("MarkReadRequest", data);
    checkRequest<SyncRequest>("SyncRequest", data);
    checkRequest<TypingRequest>("TypingRequest", data);
}

void checkEveryResult(const QJsonObject &data)
{
    checkResult<ServerInfo>("ServerInfo", data);
    checkResult<AuthResult>("AuthResult", data);
    checkResult<TokenPair>("TokenPair", data);
    checkResult<UserResult>("UserResult", data);
    checkResult<AvatarResult>("AvatarResult", data);
    checkResult<UserList>("UserList", data);
    checkResult<ChatList>("ChatList", data);
    checkResult<ChatResult>("ChatResult", data);
    checkResult<MessageResult>("MessageResult", data);
    checkResult<HistoryResult>("HistoryResult", data);
    checkResult<MarkReadResult>("MarkReadResult", data);
    checkResult<SyncResult>("SyncResult", data);
    checkResult<ChatRemovedEvent>("ChatRemovedEvent", data);
    checkResult<TypingEvent>("TypingEvent", data);
    checkResult<ReadEvent>("ReadEvent", data);
    checkResult<PresenceEvent>("PresenceEvent", data);
}

// What the server sends back for a refused frame must read, on the client, as that refusal.
void checkRefusal(const DecodedRequest &decoded)
{
    if (decoded.id.isNull())
        return; // answered with an "error" event, which carries no id
    const QByteArray answer = encodeError(decoded.id, decoded.error);
    const ServerFrame frame = decodeServerFrame(answer);
    if (frame.kind != ServerFrame::Kind::Response || frame.ok || frame.id != decoded.id
        || frame.error.code != decoded.error.code)
        fail("refusal does not read back", QJsonDocument::fromJson(answer).object());
}

void checkDecoded(QByteArrayView bytes, const DecodeLimits &limits)
{
    const DecodedRequest decoded = decodeRequest(bytes, limits);
    if (!decoded.request) {
        checkRefusal(decoded);
        return;
    }
    checkEveryRequest(decoded.request->data);
    // A decoded request, encoded again by a client, decodes to the same request.
    const RequestFrame &request = *decoded.request;
    const QByteArray encoded = encodeRequest(request.id, request.op, request.data);
    const DecodedRequest again =
        decodeRequest(encoded, DecodeLimits{encoded.size(), limits.jsonDepth});
    if (!again.request || again.request->id != request.id || again.request->op != request.op
        || again.request->data != request.data)
        fail("request does not survive re-encoding", request.data);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(data, qsizetype(size));
    checkDecoded(bytes, DecodeLimits{});
    checkDecoded(bytes, DecodeLimits{256, 4});

    const ServerFrame frame = decodeServerFrame(bytes);
    if (frame.kind != ServerFrame::Kind::Invalid)
        checkEveryResult(frame.data);
    return 0;
}
