-- Version 4: invite codes for `--registration invite`, kept only as SHA-256 hashes of the code;
-- and an index on revocations, which a running server polls to close the connections of sessions
-- that an admin command revoked from another process.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    code_hash BLOB NOT NULL UNIQUE,
    uses INTEGER NOT NULL CHECK (uses > 0),
    uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
