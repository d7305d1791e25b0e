// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authzscene.h"
#include "testserver.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

// The authorization matrix (see tst_authz_matrix.cpp); its fixture is in authzmatrixsetup.cpp and
// its event rows in authzmatrixevents.cpp.
class tst_AuthzMatrix : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void everyOperationAnswersEveryRole_data();
    void everyOperationAnswersEveryRole();
    void outsidersLearnNothingFromListAndSync_data();
    void outsidersLearnNothingFromListAndSync();
    void eventsReachOnlyThoseWhoMaySeeThem_data();
    void eventsReachOnlyThoseWhoMaySeeThem();

private:
    using Role = parley::test::authz::Role;
    using Scene = parley::test::authz::Scene;
    using Cast = parley::test::authz::Cast;
    using Account = parley::test::Account;
    using TestClient = parley::test::TestClient;
    using TestServer = parley::test::TestServer;

    using Action = std::function<bool(tst_AuthzMatrix &)>;

    bool makeCast();
    bool revokeFrank();
    Scene makeScene();
    std::unique_ptr<TestClient> freshClient(Role role) const;
    std::unique_ptr<TestClient> listenerAs(Role role) const;
    Account accountOf(Role role) const;
    TestClient &client(Role role) { return *m_clients.at(role); }
    void clearListeners();
    bool typingSeenBy(Role role, bool typing);

    std::unique_ptr<TestServer> m_server;
    Cast m_cast;
    QString m_avatarId;
    std::map<Role, std::unique_ptr<TestClient>> m_clients; // what the matrix asks with
    std::unique_ptr<TestClient> m_carol;
    std::unique_ptr<TestClient> m_frank; // until revoked
    Scene m_scene;

    // The listener test: a group with Oscar acting in it, and one listener per role.
    std::map<Role, std::unique_ptr<TestClient>> m_listeners;
    std::unique_ptr<TestClient> m_oscar;
    QString m_listenedGroup;
};
