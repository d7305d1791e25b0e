// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"

#include <QString>
#include <QVariantMap>

namespace parley::client {

// Errors of the sign-in, sign-up and profile forms as the UI shows them: per field ("server",
// "name", "email", "password", "currentPassword", "avatar") or for the whole form.
struct FormErrors
{
    QVariantMap fields;
    QString general;

    bool isEmpty() const { return fields.isEmpty() && general.isEmpty(); }
};

namespace autherrors {

// What a user typed, checked before anything is sent, in the words the form shows (FormRules).
FormErrors checkSignIn(const QString &server, const QString &email, const QString &password);
FormErrors checkSignUp(const QString &server, const QString &name, const QString &email,
                       const QString &password);
// The profile form: `newName` when there is one (null: the name stays), a new password only with
// the current one.
FormErrors checkProfile(const QString &newName, const QString &password,
                        const QString &currentPassword);
// A refusal from the server, in words for the place it belongs to.
FormErrors fromServer(const Error &error);

} // namespace autherrors
} // namespace parley::client
