// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiontestcase.h"

#include "chatlistmodel.h"
#include "connection.h"
#include "messagemodel.h"
#include "requests.h"

#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace parley::test {

void SessionTestCase::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_server = std::make_unique<AppServer>();
    QVERIFY(m_server->start());
}

void SessionTestCase::cleanup()
{
    m_clients.clear();
    m_server.reset();
    m_root.reset();
}

AppClient &SessionTestCase::client(const QString &name)
{
    m_clients.push_back(std::make_unique<AppClient>(m_root->filePath(name)));
    return *m_clients.back();
}

AppClient &SessionTestCase::signedUp(const QString &name)
{
    AppClient &result = client(name);
    [[maybe_unused]] const bool ok = result.signUp(m_server->url(), name);
    return result;
}

QString SessionTestCase::directChat(AppClient &ana, AppClient &ben)
{
    ana->openDirectChat(ben->userId());
    if (!QTest::qWaitFor([&] { return !ana->selectedChatId().isEmpty(); }, SlowMs))
        return {};
    const QString chatId = ana->selectedChatId();
    return ben.waitForChat(chatId) ? chatId : QString();
}

bool SessionTestCase::seed(AppClient &sender, const QString &chatId, int count)
{
    int stored = 0;
    for (int i = 1; i <= count; ++i) {
        const MessageSendRequest request{chatId, QUuid::createUuid().toString(),
                                         u"message %1"_s.arg(i)};
        sender->connection()->request(
            Op::MessageSend, request.toJson(), nullptr,
            [&stored](const client::Reply &reply) { stored += reply.ok() ? 1 : 0; });
    }
    return QTest::qWaitFor([&] { return stored == count; }, SlowMs);
}

void SessionTestCase::sendAll(AppClient &sender, int count)
{
    for (int i = 1; i <= count; ++i)
        sender->messages()->send(u"message %1"_s.arg(i));
}

QVariant roleOf(QAbstractItemModel *model, int row, int role)
{
    return model->data(model->index(row, 0), role);
}

QStringList contents(client::MessageModel *model)
{
    QStringList texts;
    for (int row = model->rowCount() - 1; row >= 0; --row)
        texts.append(roleOf(model, row, client::MessageModel::ContentRole).toString());
    return texts;
}

bool delivered(client::MessageModel *model, int row)
{
    const int state = roleOf(model, row, client::MessageModel::DeliveryStateRole).toInt();
    return state == client::MessageModel::Sent || state == client::MessageModel::Read;
}

bool allIdsDistinct(client::MessageModel *model)
{
    QSet<QString> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString id = roleOf(model, row, client::MessageModel::MessageIdRole).toString();
        if (!id.isEmpty() && ids.contains(id))
            return false;
        ids.insert(id);
    }
    return true;
}

int unreadOf(const AppClient &client, const QString &chatId)
{
    return client->chats()->get(chatId).value(u"unreadCount"_s).toInt();
}

} // namespace parley::test
