// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls

// A rounded text field with a search icon and a clear button. Esc clears it.
TextField {
    id: field

    property string accessibleName: placeholderText

    leftPadding: 36
    rightPadding: text !== "" ? 36 : Theme.spacingM
    topPadding: Theme.spacingS
    bottomPadding: Theme.spacingS
    selectByMouse: true
    color: Theme.text
    placeholderTextColor: Theme.textSecondary
    font.pixelSize: Theme.fontBody
    Accessible.name: accessibleName
    Accessible.role: Accessible.EditableText

    background: Rectangle {
        implicitHeight: 36
        radius: Theme.radius
        color: Theme.field
        border.width: field.activeFocus ? 2 : 0
        border.color: Theme.accent
    }

    Icon {
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingM
        anchors.verticalCenter: parent.verticalCenter
        width: 18
        height: 18
        name: "search"
        color: Theme.textSecondary
    }

    IconButton {
        anchors.right: parent.right
        anchors.rightMargin: 2
        anchors.verticalCenter: parent.verticalCenter
        width: 32
        height: 32
        visible: field.text !== ""
        iconName: "close"
        iconSize: 16
        label: qsTr("Clear search")
        focusPolicy: Qt.NoFocus
        onClicked: field.clear()
    }
}
