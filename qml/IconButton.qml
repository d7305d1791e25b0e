// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// A flat, round button showing one icon; `label` is its tooltip and accessible name.
ToolButton {
    id: control

    property string iconName
    property string label
    property color iconColor: Theme.textSecondary
    property int iconSize: 20
    // Clicked while hovered: what it opened (the bell's list, a menu) is on screen now, and the
    // tooltip covered it ("Notifications (2)" over "Clear all"). Back once the pointer leaves.
    property bool clickedSinceHover: false
    readonly property bool tooltipShown: hovered && !clickedSinceHover && label !== ""

    implicitWidth: 36
    implicitHeight: 36
    padding: 0
    focusPolicy: Qt.StrongFocus
    display: AbstractButton.IconOnly
    text: label

    Accessible.name: label

    contentItem: Item {
        implicitWidth: control.iconSize
        implicitHeight: control.iconSize

        Icon {
            anchors.centerIn: parent
            width: control.iconSize
            height: control.iconSize
            name: control.iconName
            color: control.enabled ? control.iconColor : Theme.divider
        }
    }

    onHoveredChanged: if (!hovered) clickedSinceHover = false
    onClicked: clickedSinceHover = true

    ToolTip.text: label
    ToolTip.visible: tooltipShown
    ToolTip.delay: 600
}
