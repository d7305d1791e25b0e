// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// The dialogs: a new group needs a name and two people; admin actions show to the admin only;
// Esc closes every dialog.
Item {
    id: root
    width: 1000
    height: 800

    ListModel {
        id: fakePeople
        property string query
        property bool loading: false
        property string error

        ListElement { userId: "u-ana"; name: "Ana Lima"; email: "ana@example.org"; avatarSource: ""; online: true }
        ListElement { userId: "u-ben"; name: "Ben Okafor"; email: "ben@example.org"; avatarSource: ""; online: false }
        ListElement { userId: "u-cleo"; name: "Cleo Park"; email: "cleo@example.org"; avatarSource: ""; online: true }
    }

    QtObject {
        id: fakeSession
        property string userId: "u-me"
        property string userName: "Dana Me"
        property string userEmail: "dana@example.org"
        property string userAvatarSource
        property bool busy: false
        property var fieldErrors: ({})
        property string generalError
        property var selectedChat: ({})
        property var calls: []
        signal profileSaved()
        function record(call) {
            calls = calls.concat([call])
        }
        function createGroup(name, userIds) {
            record(["createGroup", name, userIds])
        }
        function renameChat(chatId, name) {
            record(["renameChat", chatId, name])
        }
        function addMember(chatId, userId) {
            record(["addMember", chatId, userId])
        }
        function removeMember(chatId, userId) {
            record(["removeMember", chatId, userId])
        }
        function leaveChat(chatId) {
            record(["leaveChat", chatId])
        }
        function updateProfile(name, avatar, password, currentPassword) {
            record(["updateProfile", name, avatar, password, currentPassword])
        }
        function signOut() {
            record(["signOut"])
        }
        function clearErrors() {
            fieldErrors = {}
            generalError = ""
        }
    }

    function group(isAdmin) {
        return {
            chatId: "g-1", title: "Design team", isGroup: true, isAdmin: isAdmin,
            avatarKey: "g-1", memberCount: 3, onlineCount: 1,
            members: [
                { userId: "u-me", name: "Dana Me", email: "dana@example.org", avatarSource: "",
                  online: true, isAdmin: isAdmin },
                { userId: "u-ana", name: "Ana Lima", email: "ana@example.org", avatarSource: "",
                  online: true, isAdmin: !isAdmin },
                { userId: "u-ben", name: "Ben Okafor", email: "ben@example.org", avatarSource: "",
                  online: false, isAdmin: false },
            ]
        }
    }

    Component {
        id: newGroupComponent
        NewGroupDialog {
            session: fakeSession
            people: fakePeople
        }
    }
    Component {
        id: groupSettingsComponent
        GroupSettingsDialog {
            session: fakeSession
        }
    }
    Component {
        id: profileComponent
        ProfileDialog {
            session: fakeSession
        }
    }
    Component {
        id: signOutComponent
        SignOutDialog {
            session: fakeSession
        }
    }

    TestCase {
        name: "Dialogs"
        when: windowShown

        function init() {
            fakeSession.calls = []
            fakeSession.selectedChat = root.group(true)
        }

        function openDialog(component) {
            const dialog = createTemporaryObject(component, root)
            verify(dialog)
            dialog.open()
            tryCompare(dialog, "opened", true)
            return dialog
        }

        function type(text) {
            for (const ch of text)
                keyClick(ch)
        }

        function pickPerson(dialog, row) {
            const list = findChild(dialog, "memberResults")
            verify(list, "member list")
            tryVerify(() => list.itemAtIndex(row) !== null)
            mouseClick(list.itemAtIndex(row))
        }

        function test_newGroupNeedsANameAndTwoPeople_data() {
            return [
                { tag: "no name, two people", name: "", people: 2, valid: false },
                { tag: "blank name, two people", name: "   ", people: 2, valid: false },
                { tag: "name, nobody", name: "Design", people: 0, valid: false },
                { tag: "name, one person", name: "Design", people: 1, valid: false },
                { tag: "name, two people", name: "Design", people: 2, valid: true },
                { tag: "name, three people", name: "Design", people: 3, valid: true },
            ]
        }

        function test_newGroupNeedsANameAndTwoPeople(data) {
            const dialog = openDialog(newGroupComponent)
            const nameInput = findChild(dialog, "groupNameField").input
            tryVerify(() => nameInput.activeFocus, 2000, "the name field has focus on open")
            type(data.name)
            for (let row = 0; row < data.people; ++row)
                pickPerson(dialog, row)

            const create = findChild(dialog, "createGroupButton")
            compare(create.enabled, data.valid)
            mouseClick(create)
            if (data.valid) {
                const ids = ["u-ana", "u-ben", "u-cleo"].slice(0, data.people)
                compare(fakeSession.calls, [["createGroup", data.name.trim(), ids]])
                tryCompare(dialog, "visible", false)
            } else {
                compare(fakeSession.calls, [])
                verify(dialog.visible)
            }
        }

        function test_pickingAPersonAgainUnpicksThem() {
            const dialog = openDialog(newGroupComponent)
            type("Design")
            pickPerson(dialog, 0)
            pickPerson(dialog, 1)
            pickPerson(dialog, 1)
            compare(findChild(dialog, "createGroupButton").enabled, false)
            compare(findChild(dialog, "memberPicker").selectedIds, ["u-ana"])
        }

        function test_memberSearchQueriesThePeopleModel() {
            const dialog = openDialog(newGroupComponent)
            mouseClick(findChild(dialog, "memberSearch"))
            type("cle")
            compare(fakePeople.query, "cle")
        }

        function test_escapeCloses_data() {
            return [
                { tag: "new group", component: newGroupComponent },
                { tag: "group settings", component: groupSettingsComponent },
                { tag: "profile", component: profileComponent },
                { tag: "sign out", component: signOutComponent },
            ]
        }

        function test_escapeCloses(data) {
            const dialog = openDialog(data.component)
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(fakeSession.calls.filter(call => call[0] !== "clearErrors"), [])
        }

        function test_adminActionsOnlyForTheAdmin_data() {
            return [
                { tag: "admin", isAdmin: true },
                { tag: "member", isAdmin: false },
            ]
        }

        function test_adminActionsOnlyForTheAdmin(data) {
            fakeSession.selectedChat = root.group(data.isAdmin)
            const dialog = openDialog(groupSettingsComponent)
            compare(findChild(dialog, "renameButton").visible, data.isAdmin)
            compare(findChild(dialog, "addPeopleButton").visible, data.isAdmin)
            compare(findChild(dialog, "groupRenameField").visible, data.isAdmin)
            verify(findChild(dialog, "leaveButton").visible, "everyone may leave")
        }

        function test_renameSendsTheNewName() {
            const dialog = openDialog(groupSettingsComponent)
            const nameInput = findChild(dialog, "groupRenameField").input
            mouseClick(nameInput)
            nameInput.selectAll()
            type("Product")
            mouseClick(findChild(dialog, "renameButton"))
            compare(fakeSession.calls, [["renameChat", "g-1", "Product"]])
        }

        function test_leavingAsksFirst() {
            const dialog = openDialog(groupSettingsComponent)
            mouseClick(findChild(dialog, "leaveButton"))
            compare(fakeSession.calls, [])
            const confirm = findChild(dialog, "confirmLeaveButton")
            tryVerify(() => confirm.visible)
            waitForRendering(dialog.contentItem)
            mouseClick(confirm)
            compare(fakeSession.calls, [["leaveChat", "g-1"]])
            tryCompare(dialog, "visible", false)
        }

        // The Leave confirmation in a narrow dialog: its words wrap across the dialog's width and
        // show in full, and its buttons stay inside the dialog.
        function test_leaveConfirmationWrapsWhenNarrow() {
            const dialog = openDialog(groupSettingsComponent)
            dialog.width = 300
            mouseClick(findChild(dialog, "leaveButton"))
            const confirm = findChild(dialog, "confirmLeaveButton")
            tryVerify(() => confirm.visible)
            waitForRendering(dialog.contentItem)
            const content = dialog.contentItem
            const text = findChild(dialog, "leaveConfirmText")
            verify(text, "confirmation text")
            verify(text.lineCount > 1, "wraps, " + text.lineCount + " line(s)")
            // The words take the dialog's width, not a sliver beside the buttons.
            verify(text.width >= content.width - 1, "text " + text.width + " of " + content.width)
            verify(text.lineCount <= 4, text.lineCount + " lines")
            verify(!text.truncated)
            verify(text.height >= text.contentHeight - 1,
                   "height " + text.height + " < text " + text.contentHeight)
            for (const item of [text, confirm]) {
                const topLeft = item.mapToItem(content, 0, 0)
                verify(topLeft.x >= 0 && topLeft.x + item.width <= content.width + 1,
                       item + " spans x " + topLeft.x + "+" + item.width + " of " + content.width)
            }
            // Scrolled to the end, the text's last line is inside the visible content.
            content.contentY = Math.max(0, content.contentHeight - content.height)
            const bottom = text.mapToItem(content, 0, text.contentHeight).y
            verify(bottom <= content.height + 1, "text ends at " + bottom + " of " + content.height)
            verify(content.contentHeight >= text.mapToItem(content.contentItem, 0, text.contentHeight).y - 1)
        }

        // Every dialog keeps its buttons as far from its bottom edge as from its side.
        function test_buttonsKeepClearOfTheDialogsBottom_data() {
            return [
                { tag: "new group", component: newGroupComponent, button: "createGroupButton" },
                { tag: "group settings", component: groupSettingsComponent,
                  button: "closeGroupSettingsButton" },
                { tag: "profile", component: profileComponent, button: "saveProfileButton" },
                { tag: "sign out", component: signOutComponent, button: "confirmSignOutButton" },
            ]
        }
        function test_buttonsKeepClearOfTheDialogsBottom(data) {
            const dialog = openDialog(data.component)
            const button = findChild(dialog, data.button)
            verify(button, data.button)
            waitForRendering(dialog.contentItem)
            const surface = dialog.background
            const corner = button.mapToItem(surface, button.width - button.rightInset,
                                            button.height - button.bottomInset)
            const below = surface.height - corner.y
            const beside = surface.width - corner.x
            verify(below >= Theme.spacingL - 1, "only " + below + " px below the button")
            verify(below >= beside - 1, below + " px below, " + beside + " px beside")
        }

        function test_addButtonSaysAddUntilPeopleArePicked() {
            const dialog = openDialog(groupSettingsComponent)
            mouseClick(findChild(dialog, "addPeopleButton"))
            const add = findChild(dialog, "addPickedButton")
            tryVerify(() => add.visible)
            compare(add.text, "Add")
            verify(!add.enabled)
        }

        // Every visible item under root with that objectName (findChild stops at the first).
        function visibleNamed(root, name) {
            const found = []
            const walk = item => {
                const children = item.children ?? []
                for (let i = 0; i < children.length; ++i) { // a list property: no for…of
                    const child = children[i]
                    if (child.objectName === name && child.visible)
                        found.push(child)
                    walk(child)
                }
            }
            walk(root)
            return found
        }

        function test_removingAMemberAsksFirst() {
            const dialog = openDialog(groupSettingsComponent)
            const removeButtons = visibleNamed(dialog.contentItem, "removeMemberButton")
            verify(removeButtons.length > 0, "the admin may remove members")
            mouseClick(removeButtons[removeButtons.length - 1])
            compare(fakeSession.calls, [], "one click removes nobody")
            tryVerify(() => visibleNamed(dialog.contentItem, "confirmRemoveButton").length === 1)
            waitForRendering(dialog.contentItem)
            mouseClick(visibleNamed(dialog.contentItem, "confirmRemoveButton")[0])
            compare(fakeSession.calls, [["removeMember", "g-1", "u-ben"]])
        }

        function test_newPasswordNeedsTheCurrentOne() {
            const dialog = openDialog(profileComponent)
            mouseClick(findChild(dialog, "newPasswordField").input)
            type("new password 1")
            mouseClick(findChild(dialog, "saveProfileButton"))
            compare(fakeSession.calls.filter(call => call[0] === "updateProfile"), [])
            verify(findChild(findChild(dialog, "currentPasswordField"), "error").text !== "")
        }

        // Current, new and confirmation show from the start, and a mistyped confirmation
        // stops the change.
        function test_passwordChangeHasAllThreeFields() {
            const dialog = openDialog(profileComponent)
            const current = findChild(dialog, "currentPasswordField")
            const fresh = findChild(dialog, "newPasswordField")
            const confirm = findChild(dialog, "confirmPasswordField")
            verify(confirm, "a confirmation field")
            for (const field of [current, fresh, confirm])
                verify(field.visible, field.objectName + " shows before typing")
            verify(current.y < fresh.y && fresh.y < confirm.y, "current, new, confirm")

            mouseClick(current.input)
            type("old password")
            mouseClick(fresh.input)
            type("new password 1")
            mouseClick(confirm.input)
            type("new password 2")
            mouseClick(findChild(dialog, "saveProfileButton"))
            compare(fakeSession.calls.filter(call => call[0] === "updateProfile"), [])
            verify(findChild(confirm, "error").text !== "")

            confirm.input.selectAll()
            type("new password 1")
            mouseClick(findChild(dialog, "saveProfileButton"))
            compare(fakeSession.calls.filter(call => call[0] === "updateProfile"),
                    [["updateProfile", "", "", "new password 1", "old password"]])
        }

        function test_signOutConfirms() {
            const dialog = openDialog(signOutComponent)
            mouseClick(findChild(dialog, "confirmSignOutButton"))
            compare(fakeSession.calls, [["signOut"]])
        }
    }
}
