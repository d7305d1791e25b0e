// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A centred label between two lines: day separators and the "new messages" divider.
RowLayout {
    id: divider

    property string text
    property color color: Theme.textSecondary
    property color lineColor: Theme.divider

    spacing: Theme.spacingM

    Rectangle {
        Layout.fillWidth: true
        Layout.preferredHeight: 1
        color: divider.lineColor
    }
    Label {
        text: divider.text
        color: divider.color
        font.pixelSize: Theme.fontMeta
        font.weight: Font.Medium
        Accessible.role: Accessible.Separator
        Accessible.name: text
    }
    Rectangle {
        Layout.fillWidth: true
        Layout.preferredHeight: 1
        color: divider.lineColor
    }
}
