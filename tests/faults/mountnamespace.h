// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::test {

// Moves this process into a mount namespace of its own, so a tmpfs it mounts is seen only by
// it and its children (the server under test) and vanishes when the test ends, even on a
// crash. As root a new mount namespace suffices; otherwise a user namespace that maps the
// caller to root comes with it (as `unshare -rm` does). Call first thing in main(): a user
// namespace can only be entered while the process has a single thread.
// Returns "" on success, else why it was not possible.
QString enterPrivateMountNamespace();

} // namespace parley::test
