// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Parley

// The selected group: its name and members. The admin may rename it, add and remove people;
// everyone may leave.
Dialog {
    id: dialog

    // Session, or a stand-in with selectedChat and the chat actions (tests).
    property var session: Session
    readonly property var chat: session.selectedChat
    readonly property bool isAdmin: chat.isAdmin ?? false
    readonly property var members: chat.members ?? []
    property bool adding: false
    property bool confirmingLeave: false
    property string confirmingRemovalOf: "" // the userId whose removal waits for a yes

    function rename() {
        nameField.showErrors()
        const name = nameField.text.trim()
        if (!nameField.valid || name === chat.title)
            return
        session.renameChat(chat.chatId, name)
    }

    function addPicked() {
        for (const person of picker.selected)
            session.addMember(chat.chatId, person.userId)
        picker.reset()
        adding = false
    }

    objectName: "groupSettingsDialog"
    title: qsTr("Group settings")
    modal: true
    focus: true
    width: Math.min(480, parent ? parent.width - 2 * Theme.spacingXl : 480)
    height: parent ? Math.min(implicitHeight, parent.height - 2 * Theme.spacingXl) : implicitHeight
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
        nameField.text = chat.title ?? ""
        nameField.touched = false
        adding = false
        confirmingLeave = false
        picker.reset()
    }

    // The group went away (left, removed): nothing to set.
    onChatChanged: if (opened && !chat.chatId) close()

    contentItem: Flickable {
        implicitHeight: content.implicitHeight
        contentHeight: content.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: content
            width: parent.width
            spacing: Theme.spacingL

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingM

                Avatar {
                    size: 48
                    name: dialog.chat.title ?? ""
                    colorKey: dialog.chat.avatarKey ?? ""
                }

                FormField {
                    id: nameField
                    objectName: "groupRenameField"
                    Layout.fillWidth: true
                    visible: dialog.isAdmin
                    label: qsTr("Group name")
                    validator: text => FormRules.nameError(text)
                    onAccepted: dialog.rename()
                }
                Button {
                    objectName: "renameButton"
                    flat: true
                    visible: dialog.isAdmin
                    Layout.alignment: Qt.AlignBottom
                    text: qsTr("Rename")
                    enabled: nameField.valid && nameField.text.trim() !== dialog.chat.title
                    Accessible.name: qsTr("Rename the group")
                    onClicked: dialog.rename()
                }

                Label {
                    Layout.fillWidth: true
                    visible: !dialog.isAdmin
                    text: dialog.chat.title ?? ""
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.text
                    elide: Text.ElideRight
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%n members", "", dialog.members.length)
                    font.pixelSize: Theme.fontMeta
                    font.weight: Font.Medium
                    color: Theme.textSecondary
                }
                Button {
                    objectName: "addPeopleButton"
                    visible: dialog.isAdmin && !dialog.adding
                    flat: true
                    text: qsTr("Add people")
                    Accessible.name: text
                    onClicked: {
                        dialog.adding = true
                        picker.searchField.forceActiveFocus()
                    }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                visible: dialog.adding
                spacing: Theme.spacingS

                MemberPicker {
                    id: picker
                    Layout.fillWidth: true
                    listHeight: 160
                    excludedIds: dialog.members.map(member => member.userId)
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    Button {
                        flat: true
                        text: qsTr("Cancel")
                        Accessible.name: qsTr("Cancel adding people")
                        onClicked: {
                            picker.reset()
                            dialog.adding = false
                        }
                    }
                    AccentButton {
                        objectName: "addPickedButton"
                        enabled: picker.selected.length > 0
                        // "Add 0" read like a count of nothing; say what it does until people are picked.
                        text: picker.selected.length > 0 ? qsTr("Add %n", "", picker.selected.length)
                                                         : qsTr("Add")
                        Accessible.name: qsTr("Add %n people", "", picker.selected.length)
                        onClicked: dialog.addPicked()
                    }
                }
            }

            Column {
                Layout.fillWidth: true

                Repeater {
                    model: dialog.members

                    ItemDelegate {
                        id: memberRow
                        required property var modelData
                        readonly property bool isSelf: modelData.userId === Session.userId
                        readonly property bool confirming: dialog.confirmingRemovalOf === modelData.userId
                        width: parent.width
                        height: 52
                        leftPadding: 0
                        rightPadding: 0
                        focusPolicy: Qt.NoFocus
                        hoverEnabled: false
                        background: null
                        Accessible.role: Accessible.ListItem
                        Accessible.name: modelData.name + (modelData.isAdmin ? ", " + qsTr("admin") : "")

                        contentItem: RowLayout {
                            spacing: Theme.spacingM
                            Avatar {
                                size: 36
                                name: memberRow.modelData.name
                                source: memberRow.modelData.avatarSource ?? ""
                                colorKey: memberRow.modelData.userId
                                showPresence: true
                                online: memberRow.modelData.online ?? false
                                ringColor: Theme.surface
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0
                                Label {
                                    Layout.fillWidth: true
                                    text: memberRow.isSelf ? qsTr("%1 (you)").arg(memberRow.modelData.name)
                                                           : memberRow.modelData.name
                                    elide: Text.ElideRight
                                    color: Theme.text
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: memberRow.modelData.email ?? ""
                                    elide: Text.ElideRight
                                    color: Theme.textSecondary
                                    font.pixelSize: Theme.fontMeta
                                }
                            }
                            Rectangle {
                                visible: memberRow.modelData.isAdmin ?? false
                                implicitWidth: adminLabel.implicitWidth + 2 * Theme.spacingS
                                implicitHeight: 22
                                radius: 11
                                color: Theme.accentSoft
                                Label {
                                    id: adminLabel
                                    anchors.centerIn: parent
                                    text: qsTr("Admin")
                                    color: Theme.accent
                                    font.pixelSize: Theme.fontSmall
                                    font.weight: Font.DemiBold
                                }
                            }
                            IconButton {
                                objectName: "removeMemberButton"
                                visible: dialog.isAdmin && !memberRow.isSelf && !memberRow.confirming
                                iconName: "person-remove"
                                label: qsTr("Remove %1 from the group").arg(memberRow.modelData.name)
                                onClicked: dialog.confirmingRemovalOf = memberRow.modelData.userId
                            }
                            // One click used to remove at once: ask in place first.
                            Button {
                                visible: memberRow.confirming
                                flat: true
                                text: qsTr("Keep")
                                Accessible.name: qsTr("Keep %1 in the group").arg(memberRow.modelData.name)
                                onClicked: dialog.confirmingRemovalOf = ""
                            }
                            AccentButton {
                                objectName: "confirmRemoveButton"
                                visible: memberRow.confirming
                                danger: true
                                text: qsTr("Remove")
                                Accessible.name: qsTr("Remove %1 from the group").arg(memberRow.modelData.name)
                                onClicked: {
                                    dialog.confirmingRemovalOf = ""
                                    dialog.session.removeMember(dialog.chat.chatId,
                                                                memberRow.modelData.userId)
                                }
                            }
                        }
                    }
                }
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 1
                color: Theme.divider
            }

            Button {
                objectName: "leaveButton"
                visible: !dialog.confirmingLeave
                flat: true
                text: qsTr("Leave group")
                Material.foreground: Theme.error
                Accessible.name: text
                onClicked: dialog.confirmingLeave = true
            }

            // The question across the dialog's width, its answers below it: beside the buttons
            // the words were squeezed into a sliver.
            ColumnLayout {
                visible: dialog.confirmingLeave
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Label {
                    objectName: "leaveConfirmText"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: dialog.isAdmin && dialog.members.length > 1
                          ? qsTr("Leave “%1”? The longest-standing member becomes its admin.").arg(dialog.chat.title)
                          : qsTr("Leave “%1”? You will stop getting its messages.").arg(dialog.chat.title)
                    color: Theme.text
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    spacing: Theme.spacingS
                    Button {
                        flat: true
                        text: qsTr("Stay")
                        Accessible.name: text
                        onClicked: dialog.confirmingLeave = false
                    }
                    AccentButton {
                        objectName: "confirmLeaveButton"
                        text: qsTr("Leave")
                        danger: true
                        Accessible.name: qsTr("Leave the group")
                        onClicked: {
                            dialog.session.leaveChat(dialog.chat.chatId)
                            dialog.close()
                        }
                    }
                }
            }
        }
    }

    footer: DialogFooter {
        Button {
            objectName: "closeGroupSettingsButton"
            text: qsTr("Close")
            flat: true
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
