// SPDX-License-Identifier: GPL-3.0-or-later
#include "typingmodel.h"

#include "connection.h"
#include "personname.h"
#include "requests.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace parley::client {

TypingModel::TypingModel(Connection *connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &TypingModel::expire);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(3s);
    connect(&m_idleTimer, &QTimer::timeout, this, &TypingModel::sendStop);
    connect(this, &QAbstractItemModel::rowsInserted, this, &TypingModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &TypingModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &TypingModel::countChanged);
}

int TypingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

int TypingModel::count() const
{
    return static_cast<int>(m_typers.value(m_chatId).size());
}

QHash<int, QByteArray> TypingModel::roleNames() const
{
    return {{UserIdRole, "userId"}, {NameRole, "name"}};
}

QVariant TypingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Typer &typer = m_typers.value(m_chatId).at(index.row());
    switch (role) {
    case UserIdRole:
        return typer.userId;
    case NameRole:
        return typer.name;
    default:
        return {};
    }
}

QString TypingModel::sentence(const QStringList &names)
{
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing").arg(names[0]);
    case 2:
        return tr("%1 and %2 are typing").arg(names[0], names[1]);
    case 3:
        return tr("%1, %2 and %3 are typing").arg(names[0], names[1], names[2]);
    default:
        return tr("%1, %2 and %n others are typing", nullptr, static_cast<int>(names.size() - 2))
            .arg(names[0], names[1]);
    }
}

QString TypingModel::textFor(const QString &chatId) const
{
    QStringList names;
    for (const Typer &typer : m_typers.value(chatId))
        names.append(personname::firstName(typer.name));
    return sentence(names);
}

void TypingModel::typed()
{
    if (m_chatId.isEmpty())
        return;
    // One start per burst; the server forgets a typer after 6 s, so a long burst repeats it.
    if (m_typingIn != m_chatId || m_nextKeepAlive.hasExpired()) {
        if (!m_typingIn.isEmpty() && m_typingIn != m_chatId)
            sendStop();
        m_connection->send(Op::TypingStart, TypingRequest{m_chatId}.toJson());
        m_typingIn = m_chatId;
        m_nextKeepAlive = QDeadlineTimer(m_keepAlive);
    }
    m_idleTimer.start();
}

void TypingModel::stopTyping()
{
    sendStop();
}

void TypingModel::sendStop()
{
    m_idleTimer.stop();
    if (m_typingIn.isEmpty())
        return;
    m_connection->send(Op::TypingStop, TypingRequest{m_typingIn}.toJson());
    m_typingIn.clear();
}

void TypingModel::setIdleTimeout(std::chrono::milliseconds idle)
{
    m_idleTimer.setInterval(idle);
}

void TypingModel::setChatId(const QString &chatId)
{
    if (m_chatId == chatId)
        return;
    sendStop();
    beginResetModel();
    m_chatId = chatId;
    endResetModel();
    emit chatIdChanged();
    emit textChanged();
}

void TypingModel::applyEvent(const QString &chatId, const QString &userId, const QString &name,
                             bool typing)
{
    QList<Typer> typers = m_typers.value(chatId);
    const auto it = std::find_if(typers.begin(), typers.end(),
                                 [&userId](const Typer &typer) { return typer.userId == userId; });
    if (typing) {
        // The server sends typing=false after its own expiry; the local one is a safety net.
        const QDeadlineTimer expiry(m_remoteExpiry);
        if (it != typers.end()) {
            it->expiry = expiry;
            it->name = name;
        } else {
            typers.append({userId, name, expiry});
        }
    } else if (it != typers.end()) {
        typers.erase(it);
    } else {
        return;
    }
    setTypers(chatId, typers);
}

void TypingModel::clear()
{
    sendStop();
    const QStringList chats = m_typers.keys();
    beginResetModel();
    m_typers.clear();
    endResetModel();
    for (const QString &chatId : chats)
        emit chatTypingChanged(chatId, {});
    emit textChanged();
    m_expiryTimer.stop();
}

void TypingModel::setTypers(const QString &chatId, const QList<Typer> &typers)
{
    const QString before = textFor(chatId);
    const bool shown = chatId == m_chatId;
    const QList<Typer> old = m_typers.value(chatId);
    if (shown) {
        // Rows change by identity: keep common rows, so a view does not flicker.
        for (int row = static_cast<int>(old.size()) - 1; row >= 0; --row) {
            const bool stays = std::any_of(typers.cbegin(), typers.cend(), [&](const Typer &t) {
                return t.userId == old[row].userId;
            });
            if (!stays) {
                beginRemoveRows({}, row, row);
                m_typers[chatId].removeAt(row);
                endRemoveRows();
            }
        }
        for (const Typer &typer : typers) {
            QList<Typer> &current = m_typers[chatId];
            const auto found = std::find_if(current.begin(), current.end(), [&](const Typer &t) {
                return t.userId == typer.userId;
            });
            if (found != current.end()) {
                const bool renamed = found->name != typer.name;
                *found = typer;
                if (renamed) {
                    const int row = static_cast<int>(found - current.begin());
                    emit dataChanged(index(row), index(row), {NameRole});
                }
                continue;
            }
            const int row = static_cast<int>(current.size());
            beginInsertRows({}, row, row);
            current.append(typer);
            endInsertRows();
        }
    }
    if (typers.isEmpty())
        m_typers.remove(chatId);
    else
        m_typers.insert(chatId, typers);
    const QString after = textFor(chatId);
    if (before != after) {
        emit chatTypingChanged(chatId, after);
        if (shown)
            emit textChanged();
    }
    armExpiry();
}

void TypingModel::expire()
{
    const QStringList chats = m_typers.keys();
    for (const QString &chatId : chats) {
        QList<Typer> typers = m_typers.value(chatId);
        const auto removed = typers.removeIf([](const Typer &t) { return t.expiry.hasExpired(); });
        if (removed > 0)
            setTypers(chatId, typers);
    }
    armExpiry();
}

void TypingModel::armExpiry()
{
    qint64 earliest = -1;
    for (const QList<Typer> &typers : std::as_const(m_typers)) {
        for (const Typer &typer : typers) {
            const qint64 left = typer.expiry.remainingTime();
            if (earliest < 0 || left < earliest)
                earliest = left;
        }
    }
    if (earliest < 0)
        m_expiryTimer.stop();
    else
        m_expiryTimer.start(std::chrono::milliseconds(earliest + 1));
}

} // namespace parley::client
