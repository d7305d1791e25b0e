// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// The signed-in user's name, picture and password. A new password needs the current one.
Dialog {
    id: dialog

    // Session, or a stand-in (tests).
    property var session: Session
    readonly property var serverErrors: session.fieldErrors
    readonly property bool changingPassword: newPassword.text !== ""

    function save() {
        const fields = changingPassword ? [nameField, currentPassword, newPassword, confirmPassword]
                                        : [nameField]
        for (const field of fields)
            field.showErrors()
        const invalid = fields.find(field => !field.valid)
        if (invalid) {
            invalid.focusInput()
            return
        }
        const name = nameField.text.trim()
        const avatar = picker.chosen !== "" ? picker.chosen : (picker.removed ? "none" : "")
        session.clearErrors()
        session.updateProfile(name !== session.userName ? name : "", avatar, newPassword.text,
                              changingPassword ? currentPassword.text : "")
    }

    objectName: "profileDialog"
    title: qsTr("Your profile")
    modal: true
    focus: true
    width: Math.min(440, parent ? parent.width - 2 * Theme.spacingXl : 440)
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
        session.clearErrors()
        nameField.text = session.userName
        for (const field of [nameField, currentPassword, newPassword, confirmPassword])
            field.touched = false
        newPassword.text = ""
        confirmPassword.text = ""
        currentPassword.text = ""
        picker.chosen = ""
        picker.removed = false
    }
    onOpened: nameField.focusInput()

    Connections {
        target: dialog.session
        ignoreUnknownSignals: true
        function onProfileSaved() {
            dialog.close()
        }
    }

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
            enabled: !dialog.session.busy

            AvatarPicker {
                id: picker
                Layout.fillWidth: true
                name: nameField.text
                colorKey: dialog.session.userId
                currentSource: dialog.session.userAvatarSource
                error: dialog.serverErrors.avatar ?? ""
            }

            FormField {
                id: nameField
                objectName: "profileNameField"
                Layout.fillWidth: true
                label: qsTr("Name")
                validator: text => FormRules.nameError(text)
                serverError: dialog.serverErrors.name ?? ""
                onAccepted: dialog.save()
            }

            ColumnLayout {
                spacing: 2
                Label {
                    text: qsTr("Email")
                    font.pixelSize: Theme.fontMeta
                    font.weight: Font.Medium
                    color: Theme.textSecondary
                }
                Label {
                    text: dialog.session.userEmail
                    color: Theme.text
                    Accessible.name: qsTr("Email: %1").arg(text)
                }
            }

            // The pinned certificate of a wss:// server, so the user can compare it with what
            // the server's admin reads off the server's log.
            ColumnLayout {
                spacing: 2
                visible: fingerprint.text.length > 0
                Label {
                    text: qsTr("Server certificate (SHA-256)")
                    font.pixelSize: Theme.fontMeta
                    font.weight: Font.Medium
                    color: Theme.textSecondary
                }
                Label {
                    id: fingerprint
                    Layout.fillWidth: true
                    text: dialog.session.connection ? dialog.session.connection.serverFingerprint : ""
                    wrapMode: Text.WrapAnywhere
                    font.family: "monospace"
                    font.pixelSize: Theme.fontMeta
                    color: Theme.text
                    Accessible.name: qsTr("Server certificate fingerprint: %1").arg(text)
                }
            }

            Label {
                Layout.topMargin: Theme.spacingS
                text: qsTr("Change password")
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                color: Theme.text
            }

            // All three show from the start, in the order people expect: hidden until typing,
            // they were taken for missing, and one typo in a lone field locked people out.
            FormField {
                id: currentPassword
                objectName: "currentPasswordField"
                Layout.fillWidth: true
                label: qsTr("Current password")
                placeholderText: qsTr("Needed only to change it")
                echoMode: TextInput.Password
                validator: text => !dialog.changingPassword || text !== ""
                           ? "" : qsTr("Enter your current password to change it.")
                serverError: dialog.serverErrors.currentPassword ?? ""
                onAccepted: dialog.save()
            }
            FormField {
                id: newPassword
                objectName: "newPasswordField"
                Layout.fillWidth: true
                label: qsTr("New password")
                placeholderText: qsTr("Leave empty to keep it")
                echoMode: TextInput.Password
                validator: text => text === "" ? "" : FormRules.passwordError(text)
                serverError: dialog.serverErrors.password ?? ""
                onAccepted: dialog.save()
            }
            FormField {
                id: confirmPassword
                objectName: "confirmPasswordField"
                Layout.fillWidth: true
                label: qsTr("Confirm new password")
                echoMode: TextInput.Password
                validator: text => FormRules.confirmationError(newPassword.text, text)
                onAccepted: dialog.save()
            }

            Label {
                Layout.fillWidth: true
                visible: text !== ""
                text: dialog.session.generalError
                color: Theme.error
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
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
            objectName: "saveProfileButton"
            text: dialog.session.busy ? qsTr("Saving…") : qsTr("Save")
            enabled: !dialog.session.busy
            Accessible.name: qsTr("Save profile")
            onClicked: dialog.save()
        }
    }
}
