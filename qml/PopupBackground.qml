// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// The surface of dialogs, menus and popups: rounded, bordered, with a soft shadow drawn from
// plain rectangles. Material's own shadow is a layer effect the software renderer (VMs, remote
// desktops, offscreen) cannot draw, and with it the whole background.
Rectangle {
    id: surface

    property int shadowSize: 12

    radius: Theme.radius + 4
    color: Theme.surface
    border.width: 1
    border.color: Theme.divider

    Repeater {
        model: 3

        Rectangle {
            required property int index
            readonly property real spread: surface.shadowSize * (index + 1) / 3
            z: -1
            x: -spread
            y: -spread + surface.shadowSize / 3
            width: surface.width + 2 * spread
            height: surface.height + 2 * spread
            radius: surface.radius + spread
            color: "#000000"
            opacity: Theme.dark ? 0.12 : 0.035
        }
    }
}
