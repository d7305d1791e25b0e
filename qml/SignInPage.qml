// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Parley

// Sign in, sign up, or host: one centred card. Fields are checked as the user leaves them; the
// server's answers appear under the field they concern.
Rectangle {
    id: page

    // Session, or a stand-in with the same properties and functions (tests).
    property var session: Session
    property bool signUp: false

    readonly property var serverErrors: session.fieldErrors
    readonly property bool busy: session.busy
    readonly property string server: serverBox.editText.trim()
    // What the server box offers: servers found on the LAN ("Office chat — 192.168.1.10:7447"),
    // then the recent ones not among them. Choosing one puts its URL in the box.
    readonly property var serverChoices: {
        const choices = []
        for (let i = 0; i < discovery.count; ++i) {
            const found = discovery.get(i)
            choices.push({ label: found.label, url: found.url })
        }
        for (const url of session.recentServers) {
            if (!choices.some(choice => choice.url === url))
                choices.push({ label: url, url: url })
        }
        return choices
    }

    function submit() {
        if (busy)
            return
        const fields = signUp ? [nameField, emailField, passwordField, confirmField]
                              : [emailField, passwordField]
        serverBox.touched = true
        for (const field of fields)
            field.showErrors()
        if (FormRules.serverError(serverBox.editText) !== "") {
            serverBox.forceActiveFocus()
            return
        }
        const invalid = fields.find(field => !field.valid)
        if (invalid) {
            invalid.focusInput()
            return
        }
        session.clearErrors()
        if (signUp)
            session.signUp(server, nameField.text.trim(), emailField.text.trim(),
                           passwordField.text, avatarPicker.chosen)
        else
            session.signIn(server, emailField.text.trim(), passwordField.text)
    }

    // A field the server complained about was edited: its answer no longer applies.
    function clearServerErrors() {
        if (session.generalError !== "" || Object.keys(serverErrors).length > 0)
            session.clearErrors()
    }

    color: Theme.sidebar

    ServerDiscovery {
        id: discovery
        objectName: "serverDiscovery"
        onCountChanged: serverBox.offer(page.serverChoices)
    }

    Connections {
        target: page.session.host
        function onStateChanged() {
            if (page.session.host.running) {
                serverBox.editText = page.session.host.localUrl
                page.signUp = true
                nameField.focusInput()
            }
        }
    }

    Component.onCompleted: {
        serverBox.offer(serverChoices)
        discovery.refresh()
        serverBox.editText = session.serverUrl !== "" ? session.serverUrl
                                                      : (session.recentServers.length > 0
                                                         ? session.recentServers[0] : "")
        if (serverBox.editText === "")
            serverBox.forceActiveFocus()
        else
            emailField.focusInput()
    }

    Flickable {
        anchors.fill: parent
        contentWidth: width
        contentHeight: Math.max(height, card.implicitHeight + 2 * Theme.spacingXl)
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        Pane {
            id: card
            width: Math.min(420, page.width - 2 * Theme.spacingL)
            anchors.centerIn: parent
            padding: Theme.spacingXl

            background: Rectangle {
                color: Theme.surface
                radius: 12
                border.width: 1
                border.color: Theme.divider
            }

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingL

                // Heading
                RowLayout {
                    spacing: Theme.spacingM
                    Rectangle {
                        implicitWidth: 44
                        implicitHeight: 44
                        radius: 22
                        color: Theme.accent
                        Icon {
                            anchors.centerIn: parent
                            width: 24
                            height: 24
                            name: "chat"
                            color: Theme.textOnAccent
                        }
                    }
                    ColumnLayout {
                        spacing: 0
                        Label {
                            text: page.signUp ? qsTr("Create your account") : qsTr("Sign in to Parley")
                            font.pixelSize: Theme.fontHeadline
                            font.weight: Font.DemiBold
                            color: Theme.text
                            Accessible.role: Accessible.Heading
                            Accessible.name: text
                        }
                        Label {
                            text: qsTr("Your team's chat, on your own server.")
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontMeta
                        }
                    }
                }

                // Server
                ColumnLayout {
                    spacing: Theme.spacingXs
                    Layout.fillWidth: true

                    Label {
                        text: qsTr("Server")
                        font.pixelSize: Theme.fontMeta
                        font.weight: Font.Medium
                        color: serverError.text !== "" ? Theme.error : Theme.textSecondary
                    }
                    ComboBox {
                        id: serverBox
                        popup.background: PopupBackground {
                            radius: Theme.radius
                            shadowSize: 8
                        }
                        // The style's list, plus what to say when it is empty: an empty list
                        // opened as a blank popup.
                        popup.contentItem: ListView {
                            clip: true
                            implicitHeight: count > 0 ? contentHeight : 40
                            model: serverBox.delegateModel
                            currentIndex: serverBox.highlightedIndex
                            highlightMoveDuration: 0
                            ScrollIndicator.vertical: ScrollIndicator {}

                            Label {
                                objectName: "serverListEmpty"
                                anchors.centerIn: parent
                                visible: parent.count === 0
                                text: discovery.searching ? qsTr("Searching for servers…")
                                                          : qsTr("No servers found. Type an address.")
                                color: Theme.textSecondary
                                font.pixelSize: Theme.fontMeta
                            }
                        }
                        objectName: "serverField"
                        property bool touched: false
                        Layout.fillWidth: true
                        editable: true
                        enabled: !page.busy
                        textRole: "url"
                        // A new list (a server answered while the page is open) must not
                        // replace what is in the box.
                        function offer(choices) {
                            const text = editText
                            model = choices
                            editText = text
                        }
                        delegate: ItemDelegate {
                            required property var modelData
                            required property int index
                            width: ListView.view ? ListView.view.width : implicitWidth
                            text: modelData.label
                            highlighted: serverBox.highlightedIndex === index
                            Accessible.name: text
                        }
                        Accessible.name: qsTr("Server")
                        Accessible.description: serverError.text
                        onAccepted: page.submit()
                        onActiveFocusChanged: if (!activeFocus && editText !== "") touched = true
                        onEditTextChanged: if (page.serverErrors.server) page.clearServerErrors()
                    }
                    Label {
                        id: serverError
                        objectName: "serverError"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: page.serverErrors.server
                              ?? (serverBox.touched ? FormRules.serverError(serverBox.editText) : "")
                        color: Theme.error
                        font.pixelSize: Theme.fontMeta
                        wrapMode: Text.Wrap
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: text
                    }
                    HostPanel {
                        Layout.fillWidth: true
                        host: page.session.host
                        enabled: !page.busy
                    }
                }

                ToggleSwitch {
                    id: signUpSwitch
                    objectName: "createAccountSwitch"
                    text: qsTr("Create an account")
                    checked: page.signUp
                    enabled: !page.busy
                    onToggled: {
                        page.signUp = checked
                        page.session.clearErrors()
                    }
                }

                FormField {
                    id: nameField
                    objectName: "nameField"
                    visible: page.signUp
                    Layout.fillWidth: true
                    label: qsTr("Name")
                    placeholderText: qsTr("Ana Lima")
                    enabled: !page.busy
                    validator: text => FormRules.nameError(text)
                    serverError: page.serverErrors.name ?? ""
                    onAccepted: page.submit()
                    onEdited: if (serverError !== "") page.clearServerErrors()
                }

                FormField {
                    id: emailField
                    objectName: "emailField"
                    Layout.fillWidth: true
                    label: qsTr("Email")
                    placeholderText: qsTr("ana@example.com")
                    // Remembered across sign-outs (never the password); typing replaces it.
                    text: page.session.lastEmail ?? ""
                    inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
                    enabled: !page.busy
                    validator: text => FormRules.emailError(text.trim())
                    serverError: page.serverErrors.email ?? ""
                    onAccepted: page.submit()
                    onEdited: page.clearServerErrors()
                }

                FormField {
                    id: passwordField
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    label: qsTr("Password")
                    echoMode: TextInput.Password
                    placeholderText: page.signUp ? qsTr("At least 8 characters") : ""
                    enabled: !page.busy
                    validator: text => FormRules.passwordError(text)
                    serverError: page.serverErrors.password ?? ""
                    onAccepted: page.submit()
                    onEdited: page.clearServerErrors()
                }

                FormField {
                    id: confirmField
                    objectName: "confirmField"
                    visible: page.signUp
                    Layout.fillWidth: true
                    label: qsTr("Confirm password")
                    echoMode: TextInput.Password
                    enabled: !page.busy
                    validator: text => FormRules.confirmationError(passwordField.text, text)
                    onAccepted: page.submit()
                }

                AvatarPicker {
                    id: avatarPicker
                    visible: page.signUp
                    Layout.fillWidth: true
                    enabled: !page.busy
                    name: nameField.text
                    colorKey: emailField.text
                    error: page.serverErrors.avatar ?? ""
                }

                Label {
                    objectName: "generalError"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: page.session.generalError
                    color: Theme.error
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }

                AccentButton {
                    id: submitButton
                    objectName: "submitButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 44
                    enabled: !page.busy
                    text: page.busy ? "" : (page.signUp ? qsTr("Create account") : qsTr("Sign in"))
                    Accessible.name: page.signUp ? qsTr("Create account") : qsTr("Sign in")
                    onClicked: page.submit()

                    BusyIndicator {
                        anchors.centerIn: parent
                        width: 28
                        height: 28
                        running: page.busy
                        visible: running
                        Material.accent: Theme.accent
                        Accessible.name: qsTr("Signing in")
                    }
                }
            }
        }
    }
}
