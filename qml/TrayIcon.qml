// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Qt.labs.platform as Platform
import Parley

// The tray icon: the unread count in its tooltip and a dot on the icon, and a menu with Open,
// Do not disturb and Quit. Hidden where the desktop has no tray.
Platform.SystemTrayIcon {
    id: tray

    required property Window window

    readonly property int unread: Session.chats.totalUnread

    function showWindow() {
        window.show()
        window.raise()
        window.requestActivate()
    }

    visible: available
    icon.source: unread > 0 ? "icons/parley-unread.png" : "icons/parley.png"
    tooltip: unread > 0 ? qsTr("Parley: %n unread", "", unread) : qsTr("Parley")

    onActivated: reason => {
        if (reason === Platform.SystemTrayIcon.Trigger)
            showWindow()
    }

    menu: Platform.Menu {
        Platform.MenuItem {
            text: qsTr("Open Parley")
            onTriggered: tray.showWindow()
        }
        Platform.MenuItem {
            text: qsTr("Do not disturb")
            checkable: true
            checked: Notifier.doNotDisturb
            onTriggered: Notifier.doNotDisturb = checked
        }
        Platform.MenuSeparator {}
        Platform.MenuItem {
            text: qsTr("Quit")
            onTriggered: Qt.quit()
        }
    }
}
