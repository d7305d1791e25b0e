// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Qt.labs.settings
import Parley

// Signed in: chats on the left, the selected chat on the right, and the app's dialogs and
// keyboard shortcuts.
Item {
    id: page

    function selectAdjacentChat(step: int) {
        const count = page.chats.count
        if (count === 0)
            return
        const row = page.chats.indexOf(Session.selectedChatId)
        const next = row < 0 ? (step > 0 ? 0 : count - 1)
                             : Math.max(0, Math.min(count - 1, row + step))
        Session.selectChat(page.chats.chatIdAt(next))
    }

    function openNewGroup() {
        newGroupDialog.open()
    }
    function openGroupSettings() {
        if (Session.selectedChat["isGroup"])
            groupSettingsDialog.open()
    }
    function openProfile() {
        profileDialog.open()
    }
    function openQuickSwitcher() {
        quickSwitcher.open()
    }

    Settings {
        id: layout
        category: "layout"
        property real sidebarWidth: 288
    }

    // Session.chats, or a stand-in with count, indexOf and chatIdAt (tests).
    property var chats: Session.chats

    SplitView {
        id: split
        anchors.fill: parent
        orientation: Qt.Horizontal

        // A hairline that is easy to grab: the pane's own colour with the divider at its edge.
        handle: Rectangle {
            implicitWidth: 4
            color: Theme.sidebar
            Accessible.role: Accessible.Separator
            Accessible.name: qsTr("Resize the chat list")
            Rectangle {
                anchors.right: parent.right
                width: parent.SplitHandle.hovered || parent.SplitHandle.pressed ? 2 : 1
                height: parent.height
                color: parent.SplitHandle.pressed ? Theme.accent : Theme.divider
            }
        }

        Sidebar {
            id: sidebar
            objectName: "sidebar"
            SplitView.preferredWidth: layout.sidebarWidth
            SplitView.minimumWidth: 260
            SplitView.maximumWidth: 320
            onWidthChanged: if (width >= 260 && width <= 320) layout.sidebarWidth = width
            onNewGroupRequested: page.openNewGroup()
            onProfileRequested: page.openProfile()
            onSignOutRequested: signOutDialog.open()
        }

        ConversationPane {
            id: conversation
            objectName: "conversation"
            SplitView.fillWidth: true
            SplitView.minimumWidth: 360
            onSettingsRequested: page.openGroupSettings()
        }
    }

    Shortcut {
        sequences: ["Ctrl+K"]
        onActivated: page.openQuickSwitcher()
    }
    Shortcut {
        sequences: ["Ctrl+N"]
        onActivated: page.openNewGroup()
    }
    Shortcut {
        sequences: ["Ctrl+F"]
        onActivated: sidebar.focusSearch()
    }
    Shortcut {
        sequences: ["Alt+Up"]
        onActivated: page.selectAdjacentChat(-1)
    }
    Shortcut {
        sequences: ["Alt+Down"]
        onActivated: page.selectAdjacentChat(1)
    }

    NewGroupDialog {
        id: newGroupDialog
    }
    GroupSettingsDialog {
        id: groupSettingsDialog
    }
    ProfileDialog {
        id: profileDialog
    }
    SignOutDialog {
        id: signOutDialog
    }
    QuickSwitcher {
        id: quickSwitcher
    }
}
