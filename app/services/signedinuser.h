// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QObject>

namespace parley::client {

// Who is signed in: the one place that holds it. Account writes it; whatever needs the user's
// id (the event router, the selected chat's "you", the models' "own" rows) reads it here or
// follows idChanged, so no copy can fall behind after a sign-out or a switch of account.
class SignedInUser : public QObject
{
    Q_OBJECT

public:
    explicit SignedInUser(QObject *parent = nullptr)
        : QObject(parent)
    { }

    const User &user() const { return m_user; }
    QString id() const { return m_user.id; }
    bool isEmpty() const { return m_user.id.isEmpty(); }

    // An empty user: signed out.
    void set(const User &user)
    {
        const bool newId = user.id != m_user.id;
        m_user = user;
        if (newId)
            emit idChanged();
        emit changed();
    }

signals:
    void idChanged(); // another user, or none; changed() follows
    void changed(); // anything: name, email, picture or id

private:
    User m_user;
};

} // namespace parley::client
