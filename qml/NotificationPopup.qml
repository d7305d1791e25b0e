// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The bell's list: messages that arrived in chats that were not on screen. Choosing one opens
// its chat.
Popup {
    id: popup

    objectName: "notificationPopup"
    width: 360
    height: Math.min(480, header.implicitHeight + Math.max(list.contentHeight, 96) + 2 * padding)
    padding: Theme.spacingS
    modal: false
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onOpened: list.forceActiveFocus()

    background: PopupBackground {
        radius: Theme.radius
        shadowSize: 8
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingXs
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("Notifications")

        RowLayout {
            id: header
            Layout.leftMargin: Theme.spacingS
            Label {
                Layout.fillWidth: true
                text: qsTr("Notifications")
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Button {
                flat: true
                visible: Session.notifications.count > 0
                text: qsTr("Clear all")
                Accessible.name: qsTr("Clear all notifications")
                onClicked: Session.notifications.clear()
            }
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.notifications
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Notifications")
            ScrollBar.vertical: ScrollBar {}

            Keys.onReturnPressed: if (currentItem) currentItem.clicked()
            Keys.onEnterPressed: if (currentItem) currentItem.clicked()

            delegate: ItemDelegate {
                id: item
                required property int index
                required property string chatId
                required property string chatTitle
                required property bool isGroup
                required property string senderName
                required property string senderId
                // "text" would clash with the button's own property: read it through the model.
                required property var model
                readonly property string messageText: model.text
                required property string timeText

                width: ListView.view.width
                padding: Theme.spacingS
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("%1 in %2: %3").arg(senderName).arg(chatTitle).arg(messageText)

                background: Rectangle {
                    radius: Theme.radius
                    color: item.hovered || (item.ListView.isCurrentItem && list.activeFocus)
                           ? Theme.hover : "transparent"
                }

                contentItem: RowLayout {
                    spacing: Theme.spacingS
                    // Whose message it is at a glance, as in the chat list.
                    Avatar {
                        Layout.alignment: Qt.AlignTop
                        size: 32
                        name: item.senderName
                        colorKey: item.senderId
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        RowLayout {
                            Label {
                                Layout.fillWidth: true
                                text: item.chatTitle
                                elide: Text.ElideRight
                                font.weight: Font.DemiBold
                                color: Theme.text
                            }
                            Label {
                                text: item.timeText
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textSecondary
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: item.isGroup ? qsTr("%1: %2").arg(item.senderName).arg(item.messageText)
                                               : item.messageText
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            maximumLineCount: 2
                            wrapMode: Text.Wrap
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontMeta + 1
                        }
                    }
                }

                onClicked: {
                    Session.selectChat(chatId)
                    popup.close()
                }
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("You're all caught up.")
                color: Theme.textSecondary
            }
        }
    }
}
