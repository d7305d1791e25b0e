// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// Shown while the app signs in with the stored account at start.
Rectangle {
    color: Theme.sidebar

    Column {
        anchors.centerIn: parent
        spacing: Theme.spacingL

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 64
            height: 64
            radius: 32
            color: Theme.accent
            Icon {
                anchors.centerIn: parent
                width: 32
                height: 32
                name: "chat"
                color: Theme.textOnAccent
            }
        }
        BusyIndicator {
            anchors.horizontalCenter: parent.horizontalCenter
            running: true
            Accessible.name: qsTr("Signing in")
        }
    }
}
