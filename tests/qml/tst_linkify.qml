// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import "../../qml/Linkify.js" as Linkify

// Message text as rich text: markup is escaped, addresses become links, nothing else changes.
TestCase {
    name: "Linkify"

    function test_links_data() {
        return [
            { tag: "plain text", text: "See you at 3", hasLink: false, links: [] },
            { tag: "https address", text: "Agenda: https://example.org/a?b=1&c=2 now",
              hasLink: true, links: ["https://example.org/a?b=1&amp;c=2"] },
            { tag: "www address gets a scheme", text: "try www.example.org.",
              hasLink: true, links: ["http://www.example.org"] },
            { tag: "trailing punctuation stays outside", text: "(see https://example.org/x).",
              hasLink: true, links: ["https://example.org/x"] },
            { tag: "two addresses", text: "http://a.example and http://b.example",
              hasLink: true, links: ["http://a.example", "http://b.example"] },
            { tag: "markup is not a link", text: "<a href=\"x\">y</a>", hasLink: false, links: [] },
        ]
    }

    function test_links(data) {
        compare(Linkify.hasLink(data.text), data.hasLink)
        // Called twice: no state may leak from one call into the next.
        compare(Linkify.hasLink(data.text), data.hasLink)
        const html = Linkify.toHtml(data.text, "#123456")
        const hrefs = []
        const pattern = /href="([^"]*)"/g
        for (let match = pattern.exec(html); match !== null; match = pattern.exec(html))
            hrefs.push(match[1])
        compare(hrefs, data.links)
    }

    function test_markupIsEscaped() {
        const html = Linkify.toHtml("<b>bold</b> & \"quoted\"", "#123456")
        verify(html.indexOf("<b>") < 0)
        verify(html.indexOf("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;") >= 0)
    }

    function test_lineBreaksAreKept() {
        verify(Linkify.toHtml("one\ntwo https://example.org", "#123456").indexOf("one\ntwo") >= 0)
        verify(Linkify.toHtml("x", "#123456").indexOf("white-space:pre-wrap") >= 0)
    }
}
