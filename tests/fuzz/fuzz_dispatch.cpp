// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the server's whole request path (WebSocket frame, decoder, dispatcher,
// handlers, fan-out, realtime state) with an in-memory store, over real loopback connections.
//
// An input is split on '\n' into up to MaxFrames frames; a frame that starts with '@' goes out on
// Bob's connection (without the '@'), every other one on Alice's. Every input starts from the same
// store content, set up once through the protocol:
//   avatar-1 (Alice's picture), users 2 Alice, 4 Bob, 6 Carol (sessions 3, 5, 7),
//   chat 8: group "Team" (Alice admin, Bob, Carol), chat 9: Alice and Bob's direct chat,
//   message 10 (Alice in 8, clientId "seed-1"), message 11 (Bob in 9, clientId "seed-2").
// Before each input the store is put back to that content, and a connection that the previous
// input got closed, or may have signed in as someone else, is reopened or signed in again as
// Alice or Bob: an input leaves nothing behind for the next one but rate-limit counters.
#include "chatserver.h"
#include "fakestore.h"
#include "fuzzclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::test;

namespace {

constexpr int AnswerTimeoutMs = 50; // what one input may take once its frames are sent
constexpr int SetupTimeoutMs = 20'000; // argon2 runs during set-up
constexpr qsizetype MaxFrames = 16;

// What lives for the whole run; made in LLVMFuzzerInitialize, destroyed at exit.
struct Harness
{
    QTemporaryDir dataDir;
    std::unique_ptr<server::ChatServer> server;
    FakeStore *store = nullptr; // owned by the server's store thread
    FakeStore::State baseline;
    std::unique_ptr<FuzzClient> alice;
    std::unique_ptr<FuzzClient> bob;
    QString aliceToken;
    QString bobToken;
};

Harness *harness = nullptr;

[[noreturn]] void setupFailed(const char *step, const QJsonObject &answer = {})
{
    std::fprintf(stderr, "fuzz_dispatch: set-up failed at %s: %s\n", step,
                 QJsonDocument(answer).toJson(QJsonDocument::Compact).constData());
    std::abort();
}

QJsonObject ask(FuzzClient &client, const QString &op, const QJsonObject &data, const char *step)
{
    const QString id = client.request(op, data);
    if (!waitUntil([&] { return client.hasAnswer(id); }, SetupTimeoutMs, {&client}))
        setupFailed(step);
    QJsonObject answer = client.takeAnswer(id);
    if (!answer.value(u"ok"_s).toBool())
        setupFailed(step, answer);
    return answer.value(u"data"_s).toObject();
}

QString registerUser(FuzzClient &client, const QString &name, const QJsonObject &extra = {})
{
    QJsonObject data = extra;
    data.insert(u"name"_s, name);
    data.insert(u"email"_s, QString(name.toLower() + u"@fuzz.test"_s));
    data.insert(u"password"_s, u"fuzzing password"_s);
    return ask(client, u"auth.register"_s, data, "auth.register")
        .value(u"accessToken"_s)
        .toString();
}

server::ServerConfig config(const QString &dataDir)
{
    server::ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = dataDir;
    config.name = u"fuzz"_s;
    config.hashThreads = 1;
    // Small enough that too_large and the 1009 close are reachable with short inputs.
    config.frameLimit = 2048;
    // Limits that would otherwise throttle every input after a few; the login and registration
    // limits stay as shipped and keep password hashing (slow by design) bounded.
    config.messageBurst = 1'000'000'000;
    config.typingPerSecond = 1'000'000'000;
    config.badFramesPerMinute = 1'000;
    config.pingInterval = std::chrono::hours(1);
    config.idleTimeout = std::chrono::hours(3);
    return config;
}

void makeBaseline(Harness &h)
{
    h.alice = std::make_unique<FuzzClient>(h.server->url());
    h.bob = std::make_unique<FuzzClient>(h.server->url());
    FuzzClient carol(h.server->url());
    if (!h.alice->ensureConnected(SetupTimeoutMs) || !h.bob->ensureConnected(SetupTimeoutMs)
        || !carol.ensureConnected(SetupTimeoutMs))
        setupFailed("connect");
    const QString avatar =
        u"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQ"
        u"VR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="_s;
    h.aliceToken = registerUser(*h.alice, u"Alice"_s, {{u"avatar"_s, avatar}});
    h.bobToken = registerUser(*h.bob, u"Bob"_s);
    registerUser(carol, u"Carol"_s);
    ask(*h.alice, u"chat.createGroup"_s,
        {{u"name"_s, u"Team"_s}, {u"userIds"_s, QJsonArray{u"4"_s, u"6"_s}}}, "chat.createGroup");
    ask(*h.alice, u"chat.direct"_s, {{u"userId"_s, u"4"_s}}, "chat.direct");
    ask(*h.alice, u"message.send"_s,
        {{u"chatId"_s, u"8"_s}, {u"clientId"_s, u"seed-1"_s}, {u"content"_s, u"hello team"_s}},
        "message.send in the group");
    ask(*h.bob, u"message.send"_s,
        {{u"chatId"_s, u"9"_s}, {u"clientId"_s, u"seed-2"_s}, {u"content"_s, u"hi Alice"_s}},
        "message.send in the direct chat");
    h.baseline = h.store->snapshot();
    if (h.baseline.messages.size() != 2 || !h.baseline.chats.contains(8)
        || !h.baseline.messages.contains(11))
        setupFailed("the ids the corpus names");
}

void shutdown()
{
    delete harness;
    harness = nullptr;
    delete QCoreApplication::instance();
}

// Whether an input may have left a connection signed in as someone else: only the auth.*
// operations change who a connection is, and a JSON escape can spell any op name.
bool mayChangeIdentity(QByteArrayView input)
{
    return input.contains("auth") || input.contains('\\');
}

// Signs both connections in as Alice and Bob again where needed: after an input that may have
// changed who they are, and on a new connection where an input got the old one closed.
void resetClients(Harness &h, bool always)
{
    const std::pair<FuzzClient *, QString> clients[] = {{h.alice.get(), h.aliceToken},
                                                        {h.bob.get(), h.bobToken}};
    QString ids[2];
    for (int i = 0; i < 2; ++i) {
        FuzzClient &client = *clients[i].first;
        if (client.isConnected() && !always)
            continue;
        if (!client.ensureConnected(SetupTimeoutMs))
            setupFailed("reconnect");
        ids[i] = client.request(u"auth.token"_s, {{u"accessToken"_s, clients[i].second}});
    }
    const auto answered = [&] {
        return (ids[0].isEmpty() || h.alice->hasAnswer(ids[0]))
            && (ids[1].isEmpty() || h.bob->hasAnswer(ids[1]));
    };
    if (!waitUntil(answered, SetupTimeoutMs, {h.alice.get(), h.bob.get()}))
        setupFailed("auth.token: no answer");
    for (int i = 0; i < 2; ++i) {
        if (ids[i].isEmpty())
            continue;
        const QJsonObject answer = clients[i].first->takeAnswer(ids[i]);
        if (!answer.value(u"ok"_s).toBool())
            setupFailed("auth.token", answer);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv);
    // The server logs every connection and refusal; at thousands of inputs a second that is noise.
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\n*.warning=false"_s);
    harness = new Harness;
    if (!harness->dataDir.isValid())
        setupFailed("temporary directory");
    harness->server = std::make_unique<server::ChatServer>(config(harness->dataDir.path()));
    harness->server->setStoreFactory([] {
        auto store = std::make_unique<FakeStore>();
        harness->store = store.get();
        return store;
    });
    QString error;
    if (!harness->server->start(&error))
        setupFailed(qPrintable(error));
    makeBaseline(*harness);
    std::atexit(shutdown);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Harness &h = *harness;
    static bool identityMayHaveChanged = true;
    const QByteArrayView input(data, qsizetype(size));
    h.store->restore(h.baseline);
    resetClients(h, identityMayHaveChanged);
    identityMayHaveChanged = mayChangeIdentity(input);
    bool used[2] = {false, false};
    qsizetype start = 0;
    for (qsizetype frames = 0; frames < MaxFrames && start <= input.size(); ++frames) {
        qsizetype end = input.indexOf('\n', start);
        if (end < 0)
            end = input.size();
        QByteArrayView frame = input.sliced(start, end - start);
        const bool toBob = frame.startsWith('@');
        if (toBob)
            frame = frame.sliced(1);
        (toBob ? h.bob : h.alice)->sendFrame(frame);
        used[toBob ? 1 : 0] = true;
        start = end + 1;
    }

    // user.me goes through the store like most requests: once it is answered, so is everything
    // sent before it that did not wait for a password hash.
    QString sentinels[2];
    FuzzClient *clients[2] = {h.alice.get(), h.bob.get()};
    for (int i = 0; i < 2; ++i) {
        if (used[i] && clients[i]->isConnected())
            sentinels[i] = clients[i]->request(u"user.me"_s);
    }
    const auto settled = [&] {
        for (int i = 0; i < 2; ++i) {
            if (!sentinels[i].isEmpty() && clients[i]->isConnected()
                && !clients[i]->hasAnswer(sentinels[i]))
                return false;
        }
        return true;
    };
    waitUntil(settled, AnswerTimeoutMs, {h.alice.get(), h.bob.get()});
    for (int i = 0; i < 2; ++i)
        clients[i]->takeAnswer(sentinels[i]);
    return 0;
}
