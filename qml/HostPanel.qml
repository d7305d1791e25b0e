// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parley

// "Host a chat on this computer": starts the bundled server and shows the address others on the
// network should use, in a field they can copy from.
ColumnLayout {
    id: panel

    // The HostedServer (Session.host) or a stand-in with the same properties.
    property var host

    readonly property bool starting: host && host.state === HostedServer.Starting
    readonly property bool running: host && host.running
    readonly property bool failed: host && host.state === HostedServer.Failed

    spacing: Theme.spacingS

    Button {
        id: hostButton
        objectName: "hostButton"
        visible: !panel.running && !panel.starting
        Layout.fillWidth: true
        flat: true
        text: panel.failed ? qsTr("Try hosting again") : qsTr("Host a chat on this computer")
        Accessible.name: text
        Accessible.description: qsTr("Starts a Parley server here that others on your network can join")
        contentItem: RowLayout {
            spacing: Theme.spacingS
            Icon {
                name: "computer"
                color: Theme.accent
                Layout.preferredWidth: 20
                Layout.preferredHeight: 20
            }
            Label {
                Layout.fillWidth: true
                text: hostButton.text
                color: Theme.accent
                font.pixelSize: Theme.fontBody
                font.weight: Font.Medium
            }
        }
        onClicked: panel.host.start()
    }

    RowLayout {
        visible: panel.starting
        spacing: Theme.spacingS
        BusyIndicator {
            running: panel.starting
            Layout.preferredWidth: 24
            Layout.preferredHeight: 24
            Accessible.name: qsTr("Starting the server")
        }
        Label {
            text: qsTr("Starting the server on this computer…")
            color: Theme.textSecondary
        }
    }

    Label {
        visible: panel.failed
        Layout.fillWidth: true
        text: panel.host ? panel.host.errorString : ""
        color: Theme.error
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontMeta
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }

    Rectangle {
        visible: panel.running
        Layout.fillWidth: true
        implicitHeight: hostInfo.implicitHeight + 2 * Theme.spacingM
        radius: Theme.radius
        color: Theme.accentSoft

        ColumnLayout {
            id: hostInfo
            anchors.fill: parent
            anchors.margins: Theme.spacingM
            spacing: Theme.spacingXs

            Label {
                Layout.fillWidth: true
                text: qsTr("Your chat is running. Others on your network join at:")
                color: Theme.text
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontMeta
            }
            RowLayout {
                spacing: Theme.spacingXs
                TextField {
                    id: lanAddress
                    objectName: "lanAddress"
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: true
                    text: panel.host && panel.host.lanUrl !== "" ? panel.host.lanUrl
                                                                 : qsTr("No network connection")
                    font.family: "monospace"
                    Accessible.name: qsTr("Address for others to join")
                }
                IconButton {
                    iconName: "copy"
                    label: qsTr("Copy address")
                    enabled: panel.host && panel.host.lanUrl !== ""
                    onClicked: {
                        lanAddress.selectAll()
                        lanAddress.copy()
                        lanAddress.deselect()
                        copied.visible = true
                    }
                }
            }
            Label {
                id: copied
                visible: false
                text: qsTr("Copied.")
                color: Theme.success
                font.pixelSize: Theme.fontMeta
            }
            Label {
                Layout.fillWidth: true
                // The server keeps its accounts: after a sign-out or a restart, the account is there.
                text: qsTr("Sign in below, or create an account: the first one here starts the team.")
                color: Theme.textSecondary
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontMeta
            }
        }
    }
}
