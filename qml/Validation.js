.pragma library

// The protocol's field rules (shared/validation.cpp), worded for people. Each returns "" when
// the value is fine, else the sentence to show under the field.

function utf8Length(text) {
    let bytes = 0
    for (const ch of text) {
        const code = ch.codePointAt(0)
        bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    }
    return bytes
}

function serverError(server) {
    return server.trim() === "" ? qsTr("Enter the address of a Parley server.") : ""
}

function nameError(name) {
    const trimmed = name.trim()
    if (trimmed === "")
        return qsTr("Enter your name.")
    if ([...trimmed].length > 64)
        return qsTr("Use at most 64 characters.")
    return ""
}

function emailError(email) {
    if (email === "")
        return qsTr("Enter your email address.")
    const at = email.indexOf("@")
    const domain = email.slice(at + 1)
    const wellFormed = !/\s/.test(email) && at > 0 && !domain.includes("@") && domain.includes(".")
        && !domain.startsWith(".") && !domain.endsWith(".") && [...email].length <= 254
    return wellFormed ? "" : qsTr("Enter an email address like ana@example.com.")
}

function passwordError(password) {
    const bytes = utf8Length(password)
    if (bytes < 8)
        return qsTr("Use at least 8 characters.")
    if (bytes > 1024)
        return qsTr("Use at most 1024 characters.")
    return ""
}

function confirmationError(password, confirmation) {
    return confirmation === password ? "" : qsTr("The passwords don't match.")
}
