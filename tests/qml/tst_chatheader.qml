// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Parley.Ui

// The chat header's subtitle: members and who is online, the viewer included.
Item {
    id: root
    width: 600
    height: 100

    Component {
        id: headerComponent
        ChatHeader {
            width: root.width
        }
    }

    TestCase {
        name: "ChatHeader"
        when: windowShown

        function test_onlineCountIncludesTheViewer() {
            const header = createTemporaryObject(headerComponent, root, {
                chat: { chatId: "g-1", title: "Rocket team", isGroup: true, memberCount: 3,
                        onlineCount: 1 },
                viewerOnline: true,
            })
            compare(header.subtitle, "3 members, 2 online")
            header.chat = { chatId: "g-1", title: "Rocket team", isGroup: true, memberCount: 3,
                            onlineCount: 0 }
            compare(header.subtitle, "3 members, 1 online", "the viewer alone is online too")
            header.viewerOnline = false
            compare(header.subtitle, "3 members")
        }
    }
}
