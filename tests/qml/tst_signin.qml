// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// The sign-in card: inline validation when a field is left, server errors in place, and no
// request while anything is invalid.
Item {
    id: root
    width: 900
    height: 900

    QtObject {
        id: fakeHost
        property int state: 0
        property bool running: false
        property string lanUrl
        property string localUrl: "ws://127.0.0.1:7447/"
        property string errorString
        property int starts: 0
        function start() {
            ++starts
        }
    }

    QtObject {
        id: fakeSession
        property bool busy: false
        property string serverUrl: "ws://chat.example.org:7447/"
        property var recentServers: ["ws://chat.example.org:7447/"]
        property var fieldErrors: ({})
        property string generalError
        property var host: fakeHost
        property var calls: []
        function signIn(server, email, password) {
            calls = calls.concat([["signIn", server, email, password]])
        }
        function signUp(server, name, email, password, avatar) {
            calls = calls.concat([["signUp", server, name, email, password, avatar]])
        }
        function clearErrors() {
            fieldErrors = {}
            generalError = ""
        }
    }

    Component {
        id: pageComponent
        SignInPage {
            anchors.fill: parent
            session: fakeSession
        }
    }

    TestCase {
        id: testCase
        name: "SignIn"
        when: windowShown

        property var page: null

        function init() {
            fakeSession.calls = []
            fakeSession.fieldErrors = {}
            fakeSession.generalError = ""
            page = createTemporaryObject(pageComponent, root)
            verify(page)
            waitForRendering(page)
        }

        function field(name) {
            const found = findChild(page, name)
            verify(found, "no field " + name)
            return found
        }

        function errorOf(name) {
            return findChild(field(name), "error").text
        }

        function setSignUp(on) {
            if (page.signUp === on)
                return
            page.signUp = on
            waitForRendering(page)
        }

        function typeInto(name, text) {
            const input = field(name).input
            mouseClick(input)
            verify(input.activeFocus, name + " takes focus")
            for (const ch of text)
                keyClick(ch)
        }

        function test_inlineErrorUnderTheField_data() {
            return [
                { tag: "bad email", signUp: false, name: "", email: "ana.example.org",
                  password: "long enough", confirmation: "", field: "emailField",
                  message: "Enter a valid email address." },
                { tag: "email without domain dot", signUp: false, name: "", email: "ana@example",
                  password: "long enough", confirmation: "", field: "emailField",
                  message: "Enter a valid email address." },
                { tag: "short password", signUp: false, name: "", email: "ana@example.org",
                  password: "short", confirmation: "", field: "passwordField",
                  message: "Use at least 8 characters." },
                { tag: "mismatched confirmation", signUp: true, name: "Ana Lima",
                  email: "ana@example.org", password: "long enough",
                  confirmation: "long enougj", field: "confirmField",
                  message: "The passwords don't match." },
            ]
        }

        function test_inlineErrorUnderTheField(data) {
            setSignUp(data.signUp)
            if (data.signUp)
                typeInto("nameField", data.name)
            typeInto("emailField", data.email)
            typeInto("passwordField", data.password)
            if (data.signUp)
                typeInto("confirmField", data.confirmation)

            // Leaving the field shows its error under it, and only there.
            keyClick(Qt.Key_Tab)
            compare(field(data.field).input.activeFocus, false)
            verify(errorOf(data.field).startsWith(data.message),
                   "under " + data.field + ": '" + errorOf(data.field) + "'")
            const fields = data.signUp ? ["nameField", "emailField", "passwordField", "confirmField"]
                                       : ["emailField", "passwordField"]
            for (const other of fields) {
                if (other !== data.field)
                    compare(errorOf(other), "", other + " has no error")
            }

            // Enter does not submit while a field is invalid, and focus goes to that field.
            mouseClick(field("passwordField").input)
            keyClick(Qt.Key_Return)
            compare(fakeSession.calls.length, 0)
            verify(field(data.field).input.activeFocus, "focus moves to " + data.field)
        }

        function test_noErrorWhileTypingTheFirstTime() {
            typeInto("emailField", "ana.example")
            compare(errorOf("emailField"), "")
        }

        function test_submitWithEmptyFieldsShowsEveryError() {
            setSignUp(true)
            mouseClick(findChild(page, "submitButton"))
            verify(errorOf("nameField") !== "")
            verify(errorOf("emailField") !== "")
            verify(errorOf("passwordField") !== "")
            compare(fakeSession.calls.length, 0)
        }

        function test_enterSubmitsValidSignIn() {
            typeInto("emailField", " ana@example.org ")
            typeInto("passwordField", "correct horse")
            keyClick(Qt.Key_Return)
            compare(fakeSession.calls.length, 1)
            compare(fakeSession.calls[0], ["signIn", "ws://chat.example.org:7447/",
                                          "ana@example.org", "correct horse"])
        }

        function test_validSignUpSendsEveryField() {
            setSignUp(true)
            typeInto("nameField", "Ana Lima")
            typeInto("emailField", "ana@example.org")
            typeInto("passwordField", "correct horse")
            typeInto("confirmField", "correct horse")
            keyClick(Qt.Key_Return)
            compare(fakeSession.calls.length, 1)
            compare(fakeSession.calls[0], ["signUp", "ws://chat.example.org:7447/", "Ana Lima",
                                          "ana@example.org", "correct horse", ""])
        }

        function test_serverErrorsShowInPlace() {
            setSignUp(true)
            fakeSession.fieldErrors = { email: "This email is already registered." }
            fakeSession.generalError = "Too many attempts: try again in 40 s."
            compare(errorOf("emailField"), "This email is already registered.")
            compare(errorOf("passwordField"), "")
            compare(findChild(page, "generalError").text, "Too many attempts: try again in 40 s.")
            verify(findChild(page, "generalError").visible)

            // Editing the field the server complained about takes its answer away.
            typeInto("emailField", "x")
            compare(errorOf("emailField"), "")
        }

        // Nothing recent and nothing found: the list says so instead of opening blank.
        function test_emptyServerListSaysWhy() {
            fakeSession.recentServers = []
            page = createTemporaryObject(pageComponent, root)
            const box = field("serverField")
            box.popup.open()
            tryCompare(box.popup, "opened", true)
            const empty = findChild(box.popup.contentItem, "serverListEmpty")
            verify(empty, "an empty-list line")
            verify(empty.visible)
            verify(empty.text !== "")
            verify(box.popup.height >= 40, "not a blank sliver")
            box.popup.close()
            fakeSession.recentServers = ["ws://chat.example.org:7447/"]
        }

        function test_busyDisablesSubmit() {
            fakeSession.busy = true
            const button = findChild(page, "submitButton")
            compare(button.enabled, false)
            fakeSession.busy = false
            compare(button.enabled, true)
        }

        function test_hostingSwitchesToSignUpOnTheLocalServer() {
            mouseClick(findChild(page, "hostButton"))
            compare(fakeHost.starts, 1)
            fakeHost.running = true
            fakeHost.lanUrl = "ws://192.168.1.20:7447/"
            fakeHost.state = 2
            compare(page.signUp, true)
            compare(page.server, "ws://127.0.0.1:7447/")
            compare(findChild(page, "lanAddress").text, "ws://192.168.1.20:7447/")
            fakeHost.running = false
            fakeHost.state = 0
        }

        // Where the switch's handle is drawn, as a person sees it: "right", "left".
        function handleSide(toggle) {
            const handle = findChild(toggle, "handle")
            verify(handle, "the switch has a handle")
            const track = handle.parent
            return handle.x + handle.width / 2 > track.width / 2 ? "right" : "left"
        }

        function test_createAccountSwitchShowsItsState_data() {
            return [
                { tag: "sign in", signUp: false, side: "left" },
                { tag: "sign up, set by the app", signUp: true, side: "right" },
            ]
        }

        // Checked when the app sets it (a host was started, the page reopened in sign-up): the
        // handle is on the right at once, in the very next frame and in any picture of it.
        function test_createAccountSwitchShowsItsState(data) {
            const toggle = findChild(page, "createAccountSwitch")
            page.signUp = data.signUp
            compare(toggle.checked, data.signUp)
            compare(handleSide(toggle), data.side)
            waitForRendering(toggle)
            compare(handleSide(toggle), data.side)
        }

        function test_clickingTheSwitchMovesItsHandle_data() {
            return [
                { tag: "to sign up", from: false, side: "right" },
                { tag: "back to sign in", from: true, side: "left" },
            ]
        }

        function test_clickingTheSwitchMovesItsHandle(data) {
            setSignUp(data.from)
            const toggle = findChild(page, "createAccountSwitch")
            mouseClick(toggle)
            compare(page.signUp, !data.from)
            compare(toggle.checked, !data.from)
            tryVerify(() => handleSide(toggle) === data.side, 2000, "handle on the " + data.side)
            compare(findChild(page, "nameField").visible, !data.from)
        }
    }
}
