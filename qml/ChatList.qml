// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The signed-in user's chats, most recent first; skeleton rows until the first list arrives.
// Up and Down open the previous and next chat.
ListView {
    id: list

    function selectRow(row: int) {
        if (row < 0 || row >= count)
            return
        // Borrow the current item to learn the row's chat, then follow the selection again.
        currentIndex = row
        const chatId = currentItem.chatId
        currentIndex = Qt.binding(() => Session.chats.indexOf(Session.selectedChatId))
        Session.selectChat(chatId)
    }

    model: Session.chats
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    activeFocusOnTab: true
    currentIndex: Session.chats.indexOf(Session.selectedChatId)
    highlightFollowsCurrentItem: true
    highlightMoveDuration: 0
    reuseItems: true
    topMargin: Theme.spacingXs
    bottomMargin: Theme.spacingXs
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Chats")
    ScrollBar.vertical: ScrollBar {}

    Keys.onUpPressed: selectRow(Math.max(0, currentIndex - 1))
    Keys.onDownPressed: selectRow(Math.min(count - 1, currentIndex + 1))

    delegate: ChatListDelegate {}

    // Keyboard focus ring on the current row.
    highlight: Item {
        z: 2
        Rectangle {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingS
            anchors.rightMargin: Theme.spacingS
            visible: list.activeFocus
            color: "transparent"
            radius: Theme.radius
            border.width: 2
            border.color: Theme.accent
        }
    }

    Column {
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.topMargin: Theme.spacingXs
        visible: Session.chats.loading && list.count === 0

        Repeater {
            model: 6
            SkeletonRow {
                width: parent.width
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacingXl
        visible: !Session.chats.loading && list.count === 0
        spacing: Theme.spacingS

        Icon {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 40
            Layout.preferredHeight: 40
            name: "chat"
            color: Theme.divider
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("No chats yet. Search for someone above to start one, or make a group.")
            color: Theme.textSecondary
        }
    }
}
