// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A person in search results or a member picker: avatar with presence, name and email, and a
// check mark when `checkable`.
ItemDelegate {
    id: row

    required property int index
    required property string userId
    required property string name
    required property string email
    required property string avatarSource
    required property bool online

    property bool showCheck: false
    // Shown but not choosable, with `note` instead of the email (e.g. "Already a member").
    property string note
    property bool isChecked: false
    property bool current: ListView.isCurrentItem && ListView.view.activeFocus
    property color rowColor: Theme.sidebar

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 56
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    focusPolicy: Qt.NoFocus

    Accessible.role: showCheck ? Accessible.CheckBox : Accessible.ListItem
    Accessible.name: qsTr("%1, %2").arg(name).arg(note !== "" ? note : email)
    Accessible.checkable: showCheck
    Accessible.checked: isChecked

    background: Rectangle {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingXs
        anchors.rightMargin: Theme.spacingXs
        radius: Theme.radius
        color: row.current || row.hovered ? Theme.hover : "transparent"
        border.width: row.current ? 1 : 0
        border.color: Theme.accent
    }

    contentItem: RowLayout {
        spacing: Theme.spacingM

        Avatar {
            size: 36
            name: row.name
            source: row.avatarSource
            colorKey: row.userId
            showPresence: true
            online: row.online
            ringColor: row.rowColor
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: row.name
                elide: Text.ElideRight
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.Medium
            }
            Label {
                Layout.fillWidth: true
                text: row.note !== "" ? row.note : row.email
                elide: Text.ElideRight
                color: Theme.textSecondary
                font.pixelSize: Theme.fontMeta
            }
        }

        Rectangle {
            visible: row.showCheck
            implicitWidth: 20
            implicitHeight: 20
            radius: 10
            color: row.isChecked ? Theme.accent : "transparent"
            border.width: row.isChecked ? 0 : 2
            border.color: Theme.textSecondary
            Icon {
                anchors.centerIn: parent
                visible: row.isChecked
                width: 14
                height: 14
                name: "check"
                color: Theme.textOnAccent
            }
        }
    }
}
