// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley
import Parley.Ui

// The message list's paging against a stand-in model whose pages arrive when the test says so:
// scrolling to either end asks for the next page, a page that leaves the view at that end asks
// for the one after, and none of it prints a QML warning (a binding loop, say).
Item {
    id: root
    width: 600
    height: 400

    // MessageModel's roles and paging API; newest first, like the real one.
    ListModel {
        id: fakeMessages

        property string chatId: "chat-1"
        property bool loaded: true
        property bool loading: false
        property bool hasOlder: false
        property bool hasNewer: false
        property real firstUnreadSeq: 0
        property int olderRequests: 0
        property int newerRequests: 0

        function message(seq) {
            return {
                messageId: "m" + seq, seq: seq, senderId: "u-ben", senderName: "Ben Okafor",
                senderAvatarSource: "", content: "Message number " + seq,
                createdAt: new Date(2026, 10, 24, 10, 0, seq), timeText: "10:00",
                edited: false, deleted: false, isOwn: false, deliveryState: MessageModel.Sent,
                errorText: "", showDaySeparator: false, dayLabel: "", firstOfGroup: seq % 4 === 0,
                readByAll: false, readBy: [], isFirstUnread: false, canEdit: false,
                canDelete: false, isEvent: false
            }
        }
        // Newest first: `newest` at row 0 down to `oldest`.
        function fill(newest, oldest) {
            clear()
            for (let seq = newest; seq >= oldest; --seq)
                append(message(seq))
        }
        function loadOlder() {
            if (loaded && !loading && hasOlder) {
                ++olderRequests
                loading = true
            }
        }
        function loadNewer() {
            if (loaded && !loading && hasNewer) {
                ++newerRequests
                loading = true
            }
        }
        // A page answers as MessageModel's does: rows go in (and the far end is dropped),
        // then `loading` ends.
        function answerOlder(rows, more) {
            const oldest = get(count - 1).seq
            for (let seq = oldest - 1; seq >= oldest - rows; --seq)
                append(message(seq))
            hasOlder = more
            loading = false
        }
        function answerNewer(rows, more) {
            const newest = get(0).seq
            for (let seq = newest + 1; seq <= newest + rows; ++seq)
                insert(0, message(seq))
            remove(count - rows, rows)
            hasNewer = more
            loading = false
        }
        function rowOfSeq(seq) {
            for (let row = 0; row < count; ++row) {
                if (get(row).seq === seq)
                    return row
            }
            return -1
        }
        function retry(row) {}
        function discard(row) {}
    }

    Component {
        id: listComponent
        MessageList {
            anchors.fill: parent
            messages: fakeMessages
        }
    }

    TestCase {
        name: "MessageList"
        when: windowShown

        property var list: null

        function init() {
            failOnWarning(/.?/)
            fakeMessages.loaded = true
            fakeMessages.loading = false
            fakeMessages.hasOlder = false
            fakeMessages.hasNewer = false
            fakeMessages.olderRequests = 0
            fakeMessages.newerRequests = 0
        }

        function showList() {
            list = createTemporaryObject(listComponent, root)
            verify(list)
            list.forceLayout()
            waitForRendering(list)
        }

        function topOf(view) {
            return view.originY - view.topMargin
        }

        function spinner() {
            return findChild(list, "olderPagesSpinner")
        }

        // The user scrolls to the top and on into the spinner, and a page of one message lands
        // while they look at it. It is shorter than the spinner, so the view moves back within its
        // bounds; still near the top, it asks for the next page, once that move is over (asked
        // from inside it, the request resized the spinner again: a binding loop).
        function test_olderPageArrivingAtTheTopAsksForTheNext() {
            fakeMessages.fill(60, 31)
            fakeMessages.hasOlder = true
            showList()
            compare(fakeMessages.olderRequests, 0, "the first screen needs no older page")

            list.contentY = topOf(list)
            tryCompare(fakeMessages, "olderRequests", 1)
            tryVerify(() => spinner().running, 5000, "the spinner shows at the top")
            list.forceLayout()
            list.contentY = topOf(list)
            waitForRendering(list)

            fakeMessages.answerOlder(1, true)
            tryCompare(fakeMessages, "olderRequests", 2)
            verify(fakeMessages.loading)
            fakeMessages.answerOlder(20, false)
            tryVerify(() => !spinner().running, 5000, "no spinner once the first message is in")
            compare(fakeMessages.olderRequests, 2)
        }

        // Reading the newest messages, the window gets smaller: they stay in view, with no
        // jump button over them; scrolled up, a resize leaves the view where the person put it.
        function test_resizingKeepsTheNewestInView() {
            fakeMessages.fill(60, 1)
            root.height = 400
            showList()
            list.positionViewAtBeginning()
            tryVerify(() => list.atBottom)
            root.height = 200
            tryVerify(() => list.atBottom, 2000, "the newest messages stay in view")
            verify(!findChild(list, "jumpToLatest").visible)
            root.height = 400
            tryVerify(() => list.atBottom)

            list.contentY = topOf(list)
            waitForRendering(list)
            verify(!list.atBottom)
            root.height = 300
            wait(50)
            verify(!list.atBottom, "scrolled up stays scrolled up")
            root.height = 400
        }

        // The jump button sits in the middle, clear of the own messages' times on the right.
        function test_jumpButtonLeavesTheRightEdgeFree() {
            fakeMessages.fill(60, 1)
            showList()
            list.contentY = topOf(list)
            waitForRendering(list)
            const jump = findChild(list, "jumpToLatest")
            tryVerify(() => jump.visible)
            verify(jump.x + jump.width < list.width - 120, "not over the right-hand times")
        }

        // Newer pages come back while the view sits at the bottom, which does not move it: each
        // one leads to the next until the latest message is in.
        function test_newerPagesLoadUntilTheLatest() {
            fakeMessages.fill(40, 11)
            fakeMessages.hasNewer = true
            showList()
            list.positionViewAtBeginning()
            tryCompare(fakeMessages, "newerRequests", 1)
            for (let page = 1; page <= 3; ++page) {
                fakeMessages.answerNewer(10, page < 3)
                if (page < 3)
                    tryCompare(fakeMessages, "newerRequests", page + 1)
            }
            compare(fakeMessages.get(0).seq, 70)
            verify(!fakeMessages.loading)
            tryVerify(() => list.atBottom)
            compare(fakeMessages.newerRequests, 3)
            verify(!findChild(list, "jumpToLatest").visible)
        }
    }
}
