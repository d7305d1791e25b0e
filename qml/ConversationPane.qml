// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The right pane: the selected chat (header, offline banner, messages, typing line, composer),
// or a friendly empty state when none is selected.
Rectangle {
    id: pane

    readonly property bool hasChat: Session.selectedChatId !== ""

    signal settingsRequested()

    function focusComposer() {
        composer.focusInput()
    }

    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ChatHeader {
            Layout.fillWidth: true
            visible: pane.hasChat
            onSettingsRequested: pane.settingsRequested()
        }

        ConnectionBanner {
            objectName: "connectionBanner"
            Layout.fillWidth: true
        }

        MessageList {
            id: messageList
            objectName: "messageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: pane.hasChat
            onEditRequested: row => composer.beginEdit(row)
        }

        TypingLine {
            Layout.fillWidth: true
            visible: pane.hasChat
        }

        Composer {
            id: composer
            objectName: "composer"
            Layout.fillWidth: true
            visible: pane.hasChat
            onSent: messageList.scrollToBottom()
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !pane.hasChat

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
                iconName: "chat"
                title: qsTr("Pick a chat or search for someone to start one")
                hint: qsTr("Ctrl+K jumps to any chat or person. Ctrl+N makes a group.")
            }
        }
    }

    Connections {
        target: Session
        function onSelectedChatIdChanged() {
            if (Session.selectedChatId !== "")
                composer.focusInput()
        }
    }
}
