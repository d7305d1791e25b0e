// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The selected chat's header: avatar, title, who is in it or online, and group settings.
Rectangle {
    id: header

    // Session.selectedChat: chatId, title, isGroup, avatarSource, avatarKey, memberCount,
    // onlineCount, online...
    property var chat: Session.selectedChat
    // Whether the viewer is online (Session.online; tests set it).
    property bool viewerOnline: Session.online

    readonly property bool isGroup: chat.isGroup ?? false
    readonly property string subtitle: {
        if (isGroup) {
            const members = qsTr("%n members", "", chat.memberCount ?? 0)
            // onlineCount leaves the viewer out; "3 members, 2 online" read as if they were not.
            return viewerOnline
                ? qsTr("%1, %2 online").arg(members).arg((chat.onlineCount ?? 0) + 1) : members
        }
        if (!viewerOnline)
            return qsTr("Direct chat")
        return chat.online ? qsTr("Online") : qsTr("Offline")
    }

    signal settingsRequested()

    implicitHeight: 56
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingS
        spacing: Theme.spacingM

        Avatar {
            size: 36
            name: header.chat.title ?? ""
            source: header.chat.avatarSource ?? ""
            colorKey: header.chat.avatarKey ?? ""
            showPresence: !header.isGroup
            online: Session.online && (header.chat.online ?? false)
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: header.chat.title ?? ""
                elide: Text.ElideRight
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                color: Theme.text
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Label {
                Layout.fillWidth: true
                text: header.subtitle
                elide: Text.ElideRight
                font.pixelSize: Theme.fontMeta
                color: !header.isGroup && Session.online && header.chat.online ? Theme.success
                                                                               : Theme.textSecondary
            }
        }

        IconButton {
            objectName: "chatSettingsButton"
            visible: header.isGroup
            iconName: "settings"
            label: qsTr("Group settings")
            onClicked: header.settingsRequested()
        }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.divider
    }
}
