// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// The primary action of a form or dialog: white text on the accent colour.
Button {
    id: control

    property bool danger: false

    implicitHeight: 40
    topInset: 0
    bottomInset: 0
    leftPadding: Theme.spacingL
    rightPadding: Theme.spacingL
    font.pixelSize: Theme.fontBody
    font.weight: Font.DemiBold
    font.capitalization: Font.MixedCase
    Accessible.name: text

    // White on either colour has a contrast of at least 5.6:1.
    readonly property color fill: danger ? "#c62828" : Theme.accent

    contentItem: Label {
        text: control.text
        font: control.font
        color: control.enabled ? Theme.textOnAccent : Theme.textSecondary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }

    background: Rectangle {
        implicitWidth: 88
        implicitHeight: 40
        radius: Theme.radius
        color: !control.enabled ? Theme.field
                                : control.down ? Qt.darker(control.fill, 1.25)
                                               : control.hovered ? Qt.darker(control.fill, 1.1)
                                                                 : control.fill
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.text
    }
}
