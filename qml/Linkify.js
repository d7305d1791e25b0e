// SPDX-License-Identifier: GPL-3.0-or-later
.pragma library

// Message text as rich text: escaped, white space kept, and web addresses made clickable.

// A fresh expression per use: a global one keeps lastIndex between calls, and Qt 6.4 escapes
// RegExp.source wrongly, so copying it is no way out.
function urlPattern() {
    return /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?'()\[\]{}]/gi
}

function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
               .replace(/"/g, "&quot;")
}

function toHtml(text, linkColor) {
    let html = ""
    let last = 0
    // Qt 6.4's engine has no String.prototype.matchAll.
    const pattern = urlPattern()
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        const url = match[0]
        const href = /^www\./i.test(url) ? "http://" + url : url
        html += escapeHtml(text.slice(last, match.index))
        html += "<a href=\"" + escapeHtml(href) + "\" style=\"color:" + linkColor + "\">"
                + escapeHtml(url) + "</a>"
        last = match.index + url.length
    }
    html += escapeHtml(text.slice(last))
    return "<span style=\"white-space:pre-wrap\">" + html + "</span>"
}

function hasLink(text) {
    return urlPattern().test(text)
}
