// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// An on/off switch in the app's accent, drawn without layer effects.
Switch {
    id: control

    // From the user's press to its release (mouse, touch or Space): the handle slides only
    // for a flip the user makes. A state set by the app, such as the sign-up form opened for a
    // new host, shows at once, in the next frame and in any picture taken of it.
    property bool userFlipping: false

    padding: 0
    spacing: Theme.spacingM
    Accessible.name: text

    onPressed: userFlipping = true
    onReleased: userFlipping = false
    onCanceled: userFlipping = false

    indicator: Rectangle {
        implicitWidth: 36
        implicitHeight: 20
        x: control.mirrored ? control.width - width - control.rightPadding : control.leftPadding
        y: (control.height - height) / 2
        radius: height / 2
        color: control.checked ? Theme.accent : Theme.field
        border.width: control.checked ? 0 : 1
        border.color: Theme.textSecondary

        Rectangle {
            objectName: "handle"
            readonly property real inset: 3
            width: 14
            height: 14
            radius: 7
            y: inset
            // visualPosition, not checked: it follows a drag of the handle and is mirrored for
            // right-to-left layouts.
            x: inset + control.visualPosition * (parent.width - width - 2 * inset)
            color: control.checked ? Theme.textOnAccent : Theme.textSecondary
            // Slides for the user's own flips (userFlipping) and not during a drag, where the
            // handle follows the finger.
            Behavior on x {
                enabled: control.userFlipping && !control.pressed
                NumberAnimation { duration: 120 }
            }
        }

        Rectangle {
            anchors.fill: parent
            anchors.margins: -3
            radius: height / 2
            color: "transparent"
            border.width: 2
            border.color: Theme.accent
            visible: control.visualFocus
        }
    }

    contentItem: Label {
        leftPadding: control.mirrored ? 0 : control.indicator.width + control.spacing
        rightPadding: control.mirrored ? control.indicator.width + control.spacing : 0
        text: control.text
        font: control.font
        color: Theme.text
        verticalAlignment: Text.AlignVCenter
    }
}
