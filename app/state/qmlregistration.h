// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatlistmodel.h"
#include "connection.h"
#include "desktopnotifier.h"
#include "hostedserver.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "serverdiscovery.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QObject>
#include <QtQml/qqml.h>

// The types of the layers below this one that QML sees, registered in the module "Parley" from
// here: those layers are plain C++ libraries that know nothing of QML (docs/architecture.md). One
// declaration each, not a class with behaviour, so they share this file.
namespace parley::client::qml {

struct ConnectionType
{
    Q_GADGET
    QML_FOREIGN(parley::client::Connection)
    QML_NAMED_ELEMENT(Connection)
    QML_UNCREATABLE("Connection is owned by Session")
};

struct ServerDiscoveryType
{
    Q_GADGET
    QML_FOREIGN(parley::client::ServerDiscovery)
    QML_NAMED_ELEMENT(ServerDiscovery)
};

struct ChatListModelType
{
    Q_GADGET
    QML_FOREIGN(parley::client::ChatListModel)
    QML_NAMED_ELEMENT(ChatListModel)
    QML_UNCREATABLE("ChatListModel is owned by Session")
};

struct MessageModelType
{
    Q_GADGET
    QML_FOREIGN(parley::client::MessageModel)
    QML_NAMED_ELEMENT(MessageModel)
    QML_UNCREATABLE("MessageModel is owned by Session")
};

struct NotificationModelType
{
    Q_GADGET
    QML_FOREIGN(parley::client::NotificationModel)
    QML_NAMED_ELEMENT(NotificationModel)
    QML_UNCREATABLE("NotificationModel is owned by Session")
};

struct TypingModelType
{
    Q_GADGET
    QML_FOREIGN(parley::client::TypingModel)
    QML_NAMED_ELEMENT(TypingModel)
    QML_UNCREATABLE("TypingModel is owned by Session")
};

struct UserSearchModelType
{
    Q_GADGET
    QML_FOREIGN(parley::client::UserSearchModel)
    QML_NAMED_ELEMENT(UserSearchModel)
    QML_UNCREATABLE("UserSearchModel is owned by Session")
};

struct HostedServerType
{
    Q_GADGET
    QML_FOREIGN(parley::client::HostedServer)
    QML_NAMED_ELEMENT(HostedServer)
    QML_UNCREATABLE("HostedServer is owned by Session")
};

// DesktopNotifier::create() hands QML the instance main() made.
struct NotifierType
{
    Q_GADGET
    QML_FOREIGN(parley::client::DesktopNotifier)
    QML_NAMED_ELEMENT(Notifier)
    QML_SINGLETON
};

} // namespace parley::client::qml
