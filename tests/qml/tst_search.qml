// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley
import Parley.Ui

// People search in the left pane and the quick switcher, against the offline Session: typing
// asks the people model, Esc ends the search and closes the switcher.
Item {
    id: root
    width: 1000
    height: 700

    Component {
        id: sidebarComponent
        Sidebar {
            width: 300
            height: root.height
        }
    }

    Component {
        id: pageComponent
        ChatPage {
            anchors.fill: parent
        }
    }

    // Two chats, most recent first, as Session.chats shows them to QML.
    QtObject {
        id: fakeChats
        property var rows: [
            { chatId: "g-1", title: "Rocket team", isGroup: true, memberCount: 3,
              avatarSource: "", avatarKey: "g-1", otherUserId: "" },
            { chatId: "d-1", title: "Bob Baker", isGroup: false, memberCount: 2,
              avatarSource: "", avatarKey: "u-bob", otherUserId: "u-bob" },
        ]
        readonly property int count: rows.length
        function chatIdAt(row) {
            return row >= 0 && row < rows.length ? rows[row].chatId : ""
        }
        function get(chatId) {
            return rows.find(chat => chat.chatId === chatId) ?? {}
        }
        function indexOf(chatId) {
            return rows.findIndex(chat => chat.chatId === chatId)
        }
    }

    ListModel {
        id: noPeople
        property string query
        property bool loading: false
    }

    QtObject {
        id: switcherSession
        property var selected: []
        function selectChat(chatId) {
            selected = selected.concat([chatId])
        }
        function openDirectChat(userId) {
            selected = selected.concat(["person:" + userId])
        }
    }

    Component {
        id: switcherComponent
        QuickSwitcher {
            session: switcherSession
            chats: fakeChats
            people: noPeople
        }
    }

    TestCase {
        name: "Search"
        when: windowShown

        function type(text) {
            for (const ch of text)
                keyClick(ch)
        }

        function test_typingSearchesPeopleAndEscEndsIt() {
            const sidebar = createTemporaryObject(sidebarComponent, root)
            verify(sidebar)
            const field = findChild(sidebar, "peopleSearch")
            const results = findChild(sidebar, "peopleResults")
            const chats = findChild(sidebar, "chatList")
            verify(chats.visible)
            verify(!results.visible)

            mouseClick(field)
            type("ana")
            compare(Session.userSearch.query, "ana")
            verify(results.visible, "the people results replace the chat list")
            verify(!chats.visible)

            keyClick(Qt.Key_Escape)
            compare(field.text, "")
            verify(chats.visible)
            verify(!results.visible)
        }

        function test_shortcuts_data() {
            return [
                { tag: "Ctrl+N opens the new group dialog", keys: "Ctrl+N", popup: "newGroupDialog" },
                { tag: "Ctrl+K opens the quick switcher", keys: "Ctrl+K", popup: "quickSwitcher" },
            ]
        }

        function test_shortcuts(data) {
            const page = createTemporaryObject(pageComponent, root)
            verify(page)
            waitForRendering(page)
            const popup = findChild(page, data.popup)
            verify(popup)
            verify(!popup.visible)
            keySequence(data.keys)
            tryCompare(popup, "opened", true)
            keyClick(Qt.Key_Escape)
            tryCompare(popup, "visible", false)
        }

        function test_ctrlFFocusesPeopleSearch() {
            const page = createTemporaryObject(pageComponent, root)
            verify(page)
            waitForRendering(page)
            keySequence("Ctrl+F")
            const field = findChild(page, "peopleSearch")
            tryVerify(() => field.activeFocus)
        }

        // Ctrl+K with nothing typed lists the recent chats; Enter opens the first.
        function test_quickSwitcherListsRecentChatsAtOnce() {
            switcherSession.selected = []
            const switcher = createTemporaryObject(switcherComponent, root)
            switcher.open()
            tryCompare(switcher, "opened", true)
            const list = findChild(switcher, "switcherResults")
            compare(list.count, 2)
            compare(list.currentIndex, 0)
            keyClick(Qt.Key_Return)
            compare(switcherSession.selected, ["g-1"])
        }

        // One match: Enter opens it, without ↓ first.
        function test_enterOpensTheOnlyMatch() {
            switcherSession.selected = []
            const switcher = createTemporaryObject(switcherComponent, root)
            switcher.open()
            tryCompare(switcher, "opened", true)
            tryVerify(() => findChild(switcher, "switcherField").activeFocus)
            type("bob")
            const list = findChild(switcher, "switcherResults")
            compare(list.count, 1)
            keyClick(Qt.Key_Return)
            compare(switcherSession.selected, ["d-1"])
        }

        function test_quickSwitcherSearchesPeople() {
            const page = createTemporaryObject(pageComponent, root)
            verify(page)
            waitForRendering(page)
            keySequence("Ctrl+K")
            const popup = findChild(page, "quickSwitcher")
            tryCompare(popup, "opened", true)
            const field = findChild(popup, "switcherField")
            tryVerify(() => field.activeFocus)
            type("be")
            compare(Session.userSearch.query, "be")
            keyClick(Qt.Key_Escape)
            tryCompare(popup, "visible", false)
            compare(Session.userSearch.query, "", "closing the switcher ends its search")
        }
    }
}
