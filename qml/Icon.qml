// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import "Icons.js" as Icons

// A vector icon by name (see Icons.js), filled in one colour.
Canvas {
    id: icon

    property string name
    property color color: Theme.text

    implicitWidth: 20
    implicitHeight: 20
    // renderStrategy stays at its default: a list delegate built over several frames can paint
    // before its own properties are set, and a strategy set after that only logs a warning.

    onNameChanged: requestPaint()
    onColorChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        if (width <= 0 || height <= 0)
            return
        ctx.fillStyle = icon.color
        ctx.scale(width / 24, height / 24)
        ctx.path = Icons.path(icon.name)
        ctx.fill()
    }
}
