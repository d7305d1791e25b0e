// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A grey placeholder shaped like a chat row while the list loads; it shimmers gently.
Item {
    id: skeleton

    property real phase

    implicitHeight: 64

    SequentialAnimation on phase {
        loops: Animation.Infinite
        running: skeleton.visible
        NumberAnimation { from: 0; to: 1; duration: 900; easing.type: Easing.InOutQuad }
        NumberAnimation { from: 1; to: 0; duration: 900; easing.type: Easing.InOutQuad }
    }

    Row {
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingM
        spacing: Theme.spacingM
        opacity: 0.6 + 0.4 * skeleton.phase

        Rectangle {
            width: 40
            height: 40
            radius: 20
            color: Theme.skeleton
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.spacingS
            Rectangle {
                width: Math.max(0, skeleton.width * 0.45)
                height: 12
                radius: 6
                color: Theme.skeleton
            }
            Rectangle {
                width: Math.max(0, skeleton.width * 0.6)
                height: 10
                radius: 5
                color: Theme.skeleton
            }
        }
    }
}
