// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox.h"

#include "connection.h"
#include "requests.h"
#include "results.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace parley::client {

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOutbox, "parley.outbox")

Outbox::Outbox(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, &Outbox::pump);
}

Outbox::Entry Outbox::enqueue(const QString &chatId, const QString &content)
{
    Entry entry;
    entry.chatId = chatId;
    entry.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.content = content;
    entry.createdAt = QDateTime::currentDateTimeUtc();
    entry.deadline = QDeadlineTimer(m_sendTimeout);
    m_entries.append(entry);
    save();
    emit added(entry);
    pump();
    return entry;
}

void Outbox::retry(const QString &clientId)
{
    const int index = indexOf(clientId);
    if (index < 0 || m_entries[index].state != State::Failed)
        return;
    m_entries[index].state = State::Pending;
    m_entries[index].error.clear();
    m_entries[index].deadline = QDeadlineTimer(m_sendTimeout);
    save();
    emit retrying(m_entries[index].chatId, clientId);
    pump();
}

void Outbox::acknowledge(const Message &message)
{
    const int index = indexOf(message.clientId);
    if (index < 0 || m_entries[index].chatId != message.chatId)
        return;
    m_entries.removeAt(index);
    save();
    emit delivered(message);
}

void Outbox::discard(const QString &clientId)
{
    const int index = indexOf(clientId);
    if (index >= 0) {
        m_entries.removeAt(index);
        save();
    }
}

void Outbox::clear()
{
    m_entries.clear();
    m_inFlight.clear();
    m_pause.stop();
    save();
}

void Outbox::setStoragePath(const QString &path)
{
    if (m_path == path)
        return;
    m_path = path;
    m_entries.clear();
    m_inFlight.clear();
    m_pause.stop();
    load();
}

QList<Outbox::Entry> Outbox::entries(const QString &chatId) const
{
    QList<Entry> result;
    for (const Entry &entry : m_entries) {
        if (entry.chatId == chatId)
            result.append(entry);
    }
    return result;
}

const Outbox::Entry *Outbox::entry(const QString &clientId) const
{
    const int index = indexOf(clientId);
    return index < 0 ? nullptr : &m_entries[index];
}

void Outbox::pump()
{
    if (!m_inFlight.isEmpty() || m_pause.isActive())
        return;
    for (int index = 0; index < m_entries.size(); ++index) {
        if (m_entries[index].state != State::Pending)
            continue;
        if (m_entries[index].deadline.hasExpired()) {
            fail(index, tr("Not sent: the server could not be reached"));
            continue;
        }
        transmit(index);
        return;
    }
}

void Outbox::transmit(int index)
{
    const Entry &entry = m_entries[index];
    const QString clientId = entry.clientId;
    m_inFlight = clientId;
    const MessageSendRequest request{entry.chatId, entry.clientId, entry.content};
    const auto timeout = milliseconds(std::max<qint64>(1, entry.deadline.remainingTime()));
    m_connection->request(
        Op::MessageSend, request.toJson(), this,
        [this, clientId](const Reply &reply) {
            if (m_inFlight == clientId)
                m_inFlight.clear();
            const int at = indexOf(clientId);
            if (at >= 0 && m_entries[at].state == State::Pending) {
                if (reply.ok()) {
                    if (const auto result = MessageResult::fromJson(reply.data))
                        acknowledge(result->message);
                } else if (reply.status == Reply::Status::ServerError
                           && reply.error.code == ErrorCode::RateLimited) {
                    // The line waits as long as the server asked; the entry keeps its place.
                    m_pause.start(milliseconds(reply.error.retryAfterMs.value_or(1000)));
                } else if (reply.status == Reply::Status::Timeout) {
                    fail(at, tr("Not sent: the server could not be reached"));
                } else if (reply.status == Reply::Status::ServerError) {
                    fail(at, reply.error.message);
                }
                // Disconnected: the link dropped with it on the wire; the clientId makes
                // sending it again safe, so it simply goes again once there is a link.
                else if (m_connection->state() == Connection::Disconnected) {
                    m_pause.start(1s);
                }
            }
            pump();
        },
        timeout);
}

void Outbox::fail(int index, const QString &error)
{
    Entry &entry = m_entries[index];
    entry.state = State::Failed;
    entry.error = error;
    save();
    emit failed(entry.chatId, entry.clientId, error);
}

void Outbox::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return; // nothing was left unsent
    const QJsonArray items = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &value : items) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.chatId = object.value(u"chatId").toString();
        entry.clientId = object.value(u"clientId").toString();
        entry.content = object.value(u"content").toString();
        entry.createdAt = parseTimestamp(object.value(u"createdAt").toString());
        entry.state = object.value(u"failed").toBool() ? State::Failed : State::Pending;
        entry.deadline = QDeadlineTimer(m_sendTimeout);
        entry.error = object.value(u"error").toString();
        if (entry.chatId.isEmpty() || entry.clientId.isEmpty() || entry.content.isEmpty())
            continue;
        m_entries.append(entry);
    }
    pump();
}

void Outbox::save() const
{
    if (m_path.isEmpty())
        return;
    QJsonArray items;
    for (const Entry &entry : m_entries) {
        items.append(QJsonObject{
            {u"chatId"_s, entry.chatId},
            {u"clientId"_s, entry.clientId},
            {u"content"_s, entry.content},
            {u"createdAt"_s, formatTimestamp(entry.createdAt)},
            {u"failed"_s, entry.state == State::Failed},
            {u"error"_s, entry.error},
        });
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcOutbox) << "cannot keep unsent messages in" << m_path << file.errorString();
        return;
    }
    file.write(QJsonDocument(items).toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcOutbox) << "cannot keep unsent messages in" << m_path << file.errorString();
}

int Outbox::indexOf(const QString &clientId) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].clientId == clientId)
            return i;
    }
    return -1;
}

} // namespace parley::client
