// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// One row of the chat list: avatar, title, time of last activity, preview, unread pill and a dot
// while someone types.
ItemDelegate {
    id: row

    required property int index
    required property string chatId
    required property string title
    required property string avatarSource
    required property string avatarKey
    required property bool isGroup
    required property bool online
    required property string latestText
    required property string latestSenderFirstName
    required property bool latestIsOwn
    required property string latestTimeText
    required property int unreadCount
    required property bool isTyping
    required property string typingText

    readonly property bool selected: chatId === Session.selectedChatId
    readonly property string preview: {
        if (latestText === "")
            return isGroup ? qsTr("Group created") : qsTr("No messages yet")
        if (latestSenderFirstName !== "" && (isGroup || latestIsOwn))
            return qsTr("%1: %2").arg(latestSenderFirstName).arg(latestText)
        return latestText
    }

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 64
    padding: 0
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    focusPolicy: Qt.NoFocus

    Accessible.role: Accessible.ListItem
    Accessible.name: {
        let description = title
        if (unreadCount > 0)
            description += ", " + qsTr("%n unread", "", unreadCount)
        description += ", " + (isTyping ? typingText : preview)
        return description
    }
    Accessible.selected: selected

    onClicked: Session.selectChat(chatId)

    background: Rectangle {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingS
        anchors.rightMargin: Theme.spacingS
        radius: Theme.radius
        color: row.selected ? Theme.selected : (row.hovered ? Theme.hover : "transparent")
    }

    contentItem: RowLayout {
        spacing: Theme.spacingM

        Avatar {
            size: 40
            name: row.title
            source: row.avatarSource
            colorKey: row.avatarKey
            showPresence: !row.isGroup
            online: row.online && Session.online
            ringColor: row.selected ? Theme.selected : Theme.sidebar
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                spacing: Theme.spacingS
                Label {
                    Layout.fillWidth: true
                    text: row.title
                    elide: Text.ElideRight
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.weight: row.unreadCount > 0 ? Font.DemiBold : Font.Medium
                }
                TypingDots {
                    visible: row.isTyping
                    dotSize: 5
                }
                Label {
                    visible: !row.isTyping
                    text: row.latestTimeText
                    color: row.unreadCount > 0 ? Theme.accent : Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                }
            }

            RowLayout {
                spacing: Theme.spacingS
                Label {
                    Layout.fillWidth: true
                    text: row.isTyping ? row.typingText : row.preview
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    textFormat: Text.PlainText
                    color: row.isTyping ? Theme.accent : Theme.textSecondary
                    font.pixelSize: Theme.fontMeta + 1
                    font.italic: row.isTyping
                }
                Badge {
                    count: row.unreadCount
                }
            }
        }
    }
}
