// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A friendly placeholder: an icon, a title and a hint.
ColumnLayout {
    id: empty

    property string iconName: "chat"
    property string title
    property string hint

    spacing: Theme.spacingS

    Rectangle {
        Layout.alignment: Qt.AlignHCenter
        Layout.bottomMargin: Theme.spacingS
        implicitWidth: 72
        implicitHeight: 72
        radius: 36
        color: Theme.accentSoft
        Icon {
            anchors.centerIn: parent
            width: 36
            height: 36
            name: empty.iconName
            color: Theme.accent
        }
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: 360
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: empty.title
        font.pixelSize: Theme.fontTitle
        font.weight: Font.DemiBold
        color: Theme.text
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: 360
        visible: text !== ""
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: empty.hint
        color: Theme.textSecondary
    }
}
