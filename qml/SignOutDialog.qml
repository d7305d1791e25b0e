// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Parley

// Asks before signing out.
Dialog {
    id: dialog

    // Session, or a stand-in with signOut (tests).
    property var session: Session

    objectName: "signOutDialog"
    title: qsTr("Sign out of Parley?")
    modal: true
    focus: true
    width: Math.min(400, parent ? parent.width - 2 * Theme.spacingXl : 400)
    parent: Overlay.overlay
    anchors.centerIn: parent
    padding: Theme.spacingXl
    topPadding: Theme.spacingL
    closePolicy: Popup.CloseOnEscape
    background: PopupBackground {}
    header: DialogHeader {
        text: dialog.title
    }

    onAccepted: session.signOut()

    Label {
        width: parent.width
        wrapMode: Text.Wrap
        color: Theme.textSecondary
        text: qsTr("You can sign in again at any time with your email and password.")
    }

    footer: DialogFooter {
        Button {
            text: qsTr("Cancel")
            flat: true
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        AccentButton {
            objectName: "confirmSignOutButton"
            text: qsTr("Sign out")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
