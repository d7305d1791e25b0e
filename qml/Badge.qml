// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// An accent pill with a count, "99+" above 99; hidden at 0.
Rectangle {
    id: badge

    property int count: 0
    property color fill: Theme.accent

    readonly property string countText: count > 99 ? "99+" : String(count)

    visible: count > 0
    implicitHeight: 20
    implicitWidth: Math.max(implicitHeight, label.implicitWidth + 2 * Theme.spacingXs + 4)
    radius: height / 2
    color: fill

    Accessible.role: Accessible.StaticText
    Accessible.name: count === 1 ? qsTr("1 unread") : qsTr("%1 unread").arg(countText)

    Text {
        id: label
        anchors.centerIn: parent
        text: badge.countText
        color: Theme.textOnAccent
        font.pixelSize: Theme.fontSmall
        font.weight: Font.DemiBold
    }
}
