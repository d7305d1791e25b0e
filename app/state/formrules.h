// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocollimits.h"

#include <QObject>
#include <QString>
#include <QtQmlIntegration>

namespace parley::client {

// The field rules of the forms (sign in, sign up, profile, group name) in the words people see,
// for QML (the FormRules singleton) and for C++ (autherrors, the profile save): the protocol's
// checks (shared/validation.h) decide, this class only words them, so a form and the request it
// sends can never disagree. Each returns "" when the value is fine, else the sentence to show.
class FormRules : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    // The limits a form shows or counts against (the composer's remaining characters).
    Q_PROPERTY(int nameMaxChars READ nameMaxChars CONSTANT)
    Q_PROPERTY(int emailMaxChars READ emailMaxChars CONSTANT)
    Q_PROPERTY(int passwordMinBytes READ passwordMinBytes CONSTANT)
    Q_PROPERTY(int passwordMaxBytes READ passwordMaxBytes CONSTANT)
    Q_PROPERTY(int contentMaxChars READ contentMaxChars CONSTANT)

public:
    // Stateless: QML makes its own.
    explicit FormRules(QObject *parent = nullptr);

    static int nameMaxChars() { return int(limits::NameMaxChars); }
    static int emailMaxChars() { return int(limits::EmailMaxChars); }
    static int passwordMinBytes() { return int(limits::PasswordMinBytes); }
    static int passwordMaxBytes() { return int(limits::PasswordMaxBytes); }
    static int contentMaxChars() { return int(limits::ContentMaxChars); }

    // The rules for C++. Names and emails are checked trimmed, as they are sent.
    static QString serverProblem(const QString &server);
    static QString nameProblem(const QString &name); // a person's or a group's
    static QString emailProblem(const QString &email);
    static QString passwordProblem(const QString &password); // a new password
    static QString enteredPasswordProblem(const QString &password); // signing in with one
    static QString currentPasswordProblem(const QString &currentPassword);
    static QString confirmationProblem(const QString &password, const QString &confirmation);

    // The same rules for QML.
    Q_INVOKABLE QString serverError(const QString &server) const { return serverProblem(server); }
    Q_INVOKABLE QString nameError(const QString &name) const { return nameProblem(name); }
    Q_INVOKABLE QString emailError(const QString &email) const { return emailProblem(email); }
    Q_INVOKABLE QString passwordError(const QString &password) const
    {
        return passwordProblem(password);
    }
    Q_INVOKABLE QString confirmationError(const QString &password,
                                          const QString &confirmation) const
    {
        return confirmationProblem(password, confirmation);
    }
};

} // namespace parley::client
