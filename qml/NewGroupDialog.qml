// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// A new group: a name and at least two other people.
Dialog {
    id: dialog

    // Session, or a stand-in with createGroup (tests).
    property var session: Session
    property alias people: picker.people
    readonly property int minimumMembers: 2
    readonly property bool valid: nameField.valid && picker.selected.length >= minimumMembers

    function create() {
        nameField.showErrors()
        if (!valid)
            return
        session.createGroup(nameField.text.trim(), picker.selectedIds)
        close()
    }

    objectName: "newGroupDialog"
    title: qsTr("New group")
    modal: true
    focus: true
    width: Math.min(460, parent ? parent.width - 2 * Theme.spacingXl : 460)
    parent: Overlay.overlay
    anchors.centerIn: parent
    padding: Theme.spacingXl
    topPadding: Theme.spacingL
    closePolicy: Popup.CloseOnEscape
    background: PopupBackground {}
    header: DialogHeader {
        text: dialog.title
    }

    onAboutToShow: {
        nameField.text = ""
        nameField.touched = false
        picker.reset()
    }
    onOpened: nameField.focusInput()

    contentItem: ColumnLayout {
        spacing: Theme.spacingL

        FormField {
            id: nameField
            objectName: "groupNameField"
            Layout.fillWidth: true
            label: qsTr("Group name")
            placeholderText: qsTr("Design team")
            validator: text => FormRules.nameError(text)
            onAccepted: picker.searchField.forceActiveFocus()
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingXs

            Label {
                text: qsTr("Members")
                font.pixelSize: Theme.fontMeta
                font.weight: Font.Medium
                color: Theme.textSecondary
            }
            Label {
                objectName: "memberHint"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontMeta
                color: Theme.textSecondary
                text: picker.selected.length >= dialog.minimumMembers
                      ? qsTr("%n people picked. You will be the group's admin.", "",
                             picker.selected.length)
                      : qsTr("Pick at least %n more.", "",
                             dialog.minimumMembers - picker.selected.length)
            }
        }

        MemberPicker {
            id: picker
            objectName: "memberPicker"
            Layout.fillWidth: true
            listHeight: 200
        }
    }

    footer: DialogFooter {
        Button {
            text: qsTr("Cancel")
            flat: true
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        AccentButton {
            objectName: "createGroupButton"
            text: qsTr("Create group")
            enabled: dialog.valid
            onClicked: dialog.create()
        }
    }
}
