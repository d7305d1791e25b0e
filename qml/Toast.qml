// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// A transient message at the bottom of the window; a new one replaces the one on screen.
Rectangle {
    id: toast

    property int duration: 5000

    function show(message: string) {
        label.text = message
        opacity = 1
        timer.restart()
    }

    objectName: "toast"
    z: 100
    visible: opacity > 0
    opacity: 0
    width: Math.min(label.implicitWidth + 2 * Theme.spacingL + close.width, 480)
    height: Math.max(40, label.implicitHeight + 2 * Theme.spacingS)
    radius: Theme.radius
    color: Theme.toast

    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text

    Behavior on opacity {
        NumberAnimation { duration: 150 }
    }

    Timer {
        id: timer
        interval: toast.duration
        onTriggered: toast.opacity = 0
    }

    Label {
        id: label
        anchors.left: parent.left
        anchors.right: close.left
        anchors.leftMargin: Theme.spacingL
        anchors.verticalCenter: parent.verticalCenter
        color: Theme.textOnToast
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
    }

    IconButton {
        id: close
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        iconName: "close"
        iconSize: 16
        iconColor: Theme.textOnToast
        label: qsTr("Dismiss")
        onClicked: toast.opacity = 0
    }
}
