// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// The composer: Enter sends through the model, Shift+Enter starts a new line, blank text never
// goes out, Up edits the last own message, and typing is reported.
Item {
    id: root
    width: 700
    height: 400

    QtObject {
        id: fakeMessages
        property var sent: []
        property var edits: []
        // The last own editable message sits at row 3 with seq 41.
        function send(text) {
            sent = sent.concat([text])
        }
        function edit(row, text) {
            edits = edits.concat([[row, text]])
        }
        function get(row) {
            return row === 3 ? { seq: 41, content: "See you at 3", canEdit: true } : {}
        }
        function rowOfSeq(seq) {
            return seq === 41 ? 3 : -1
        }
        function lastOwnEditableRow() {
            return 3
        }
    }

    QtObject {
        id: fakeTyping
        property int typedCount: 0
        property int stopCount: 0
        function typed() {
            ++typedCount
        }
        function stopTyping() {
            ++stopCount
        }
    }

    Component {
        id: composerComponent
        Composer {
            width: root.width
            messages: fakeMessages
            typing: fakeTyping
            chatId: "chat-1"
            offline: false
        }
    }

    TestCase {
        name: "Composer"
        when: windowShown

        property var composer: null
        property var input: null

        function init() {
            fakeMessages.sent = []
            fakeMessages.edits = []
            fakeTyping.typedCount = 0
            fakeTyping.stopCount = 0
            composer = createTemporaryObject(composerComponent, root)
            verify(composer)
            input = findChild(composer, "composerInput")
            verify(input)
            mouseClick(input)
            verify(input.activeFocus)
        }

        function type(text) {
            for (const ch of text)
                keyClick(ch)
        }

        function test_enterSendsThroughTheModel() {
            type("Hello there")
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, ["Hello there"])
            compare(input.text, "")
        }

        function test_keypadEnterSends() {
            type("Hi")
            keyClick(Qt.Key_Enter)
            compare(fakeMessages.sent, ["Hi"])
        }

        function test_sentTextIsTrimmed() {
            type("  padded  ")
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, ["padded"])
        }

        function test_shiftEnterInsertsANewLine() {
            type("first")
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            type("second")
            compare(input.text, "first\nsecond")
            compare(fakeMessages.sent, [])
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, ["first\nsecond"])
        }

        function test_blankTextIsNotSent_data() {
            return [
                { tag: "empty", keys: "" },
                { tag: "spaces", keys: "    " },
                { tag: "one space", keys: " " },
            ]
        }

        function test_blankTextIsNotSent(data) {
            type(data.keys)
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, [])
            const send = findChild(composer, "sendButton")
            compare(send.enabled, false)
        }

        function test_blankLinesAreNotSent() {
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, [])
        }

        function test_sendButtonSends() {
            type("By button")
            const send = findChild(composer, "sendButton")
            verify(send.enabled)
            mouseClick(send)
            compare(fakeMessages.sent, ["By button"])
        }

        function test_typingIsReported() {
            type("abc")
            verify(fakeTyping.typedCount >= 3, "typed() on each edit")
            keyClick(Qt.Key_Return)
            verify(fakeTyping.stopCount >= 1, "stopTyping() after sending")
        }

        function test_upInEmptyComposerEditsLastOwnMessage() {
            keyClick(Qt.Key_Up)
            verify(composer.editing)
            compare(input.text, "See you at 3")
            type("!")
            keyClick(Qt.Key_Return)
            compare(fakeMessages.edits, [[3, "See you at 3!"]])
            compare(fakeMessages.sent, [])
            verify(!composer.editing)
            compare(input.text, "")
        }

        function test_escapeCancelsEditing() {
            keyClick(Qt.Key_Up)
            verify(composer.editing)
            keyClick(Qt.Key_Escape)
            verify(!composer.editing)
            compare(input.text, "")
            compare(fakeMessages.edits, [])
        }

        function test_upWithTextMovesTheCursorInstead() {
            type("draft")
            keyClick(Qt.Key_Up)
            verify(!composer.editing)
            compare(input.text, "draft")
        }

        function test_draftsStayWithTheirChat() {
            type("for chat one")
            composer.chatId = "chat-2"
            compare(input.text, "")
            type("two")
            composer.chatId = "chat-1"
            compare(input.text, "for chat one")
        }

        function test_tooLongTextIsNotSent() {
            input.text = "x".repeat(4001)
            keyClick(Qt.Key_Return)
            compare(fakeMessages.sent, [])
        }

        function test_disabledComposerSaysWhy() {
            composer.chatId = ""
            compare(input.enabled, false)
            verify(input.placeholderText.length > 0)
            compare(input.placeholderText, composer.disabledReason)
        }
    }
}
