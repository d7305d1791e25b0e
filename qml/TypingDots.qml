// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// Three dots that pulse in turn: somebody is typing.
Row {
    id: dots

    property int dotSize: 6
    property color color: Theme.accent

    spacing: Math.max(2, dotSize / 2)

    Repeater {
        model: 3

        Rectangle {
            id: dot
            required property int index
            width: dots.dotSize
            height: dots.dotSize
            radius: dots.dotSize / 2
            color: dots.color

            SequentialAnimation on opacity {
                running: dots.visible
                loops: Animation.Infinite
                PropertyAction { value: 0.3 }
                PauseAnimation { duration: dot.index * 160 }
                NumberAnimation { to: 1; duration: 280 }
                NumberAnimation { to: 0.3; duration: 280 }
                PauseAnimation { duration: (2 - dot.index) * 160 + 200 }
            }
        }
    }
}
