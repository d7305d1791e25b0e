-- The current Parley schema in one piece, used to create a new database directly. It must equal
-- the result of applying migrations/ in order (tests/storage/tst_schema.cpp checks this); a new
-- migration changes this file too. Columns that a migration adds with ALTER TABLE come last.
-- Times are milliseconds since the epoch (UTC); ids are rowids except avatar ids.

CREATE TABLE avatars (
    id TEXT PRIMARY KEY,
    data_uri TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    password_hash BLOB NOT NULL,
    avatar_id TEXT REFERENCES avatars (id),
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    -- The email under NFKC case folding; NULL only for an account that a look-alike older
    -- account already held when version 5 was migrated to (see migrations/0005_email_fold.sql).
    email_fold TEXT
);
CREATE INDEX users_name_key ON users (name_key);
CREATE UNIQUE INDEX users_email_fold ON users (email_fold);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    device TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);
-- Only revoked sessions are indexed: a running server polls for the ones revoked lately.
CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    expires_at INTEGER NOT NULL,
    spent_at INTEGER
);

-- direct_key is "<smaller user id>:<larger user id>" for a direct chat and NULL for a group, so
-- a pair can never get two direct chats.
CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    is_group INTEGER NOT NULL,
    name TEXT,
    admin_id INTEGER REFERENCES users (id),
    direct_key TEXT UNIQUE,
    last_seq INTEGER NOT NULL DEFAULT 0,
    last_activity INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE chat_members (
    chat_id INTEGER NOT NULL REFERENCES chats (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    joined_at INTEGER NOT NULL,
    join_order INTEGER NOT NULL,
    last_read_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
) WITHOUT ROWID;
CREATE INDEX chat_members_user ON chat_members (user_id);
CREATE UNIQUE INDEX chat_members_join_order ON chat_members (chat_id, join_order);

-- rev: the revision of the message's last change (send, edit or delete), for sync.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats (id),
    seq INTEGER NOT NULL,
    sender_id INTEGER NOT NULL REFERENCES users (id),
    client_id TEXT,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    rev INTEGER NOT NULL,
    UNIQUE (chat_id, seq),
    UNIQUE (sender_id, client_id)
);
CREATE INDEX messages_chat_rev ON messages (chat_id, rev);

-- One row per affected user of a chat change; several rows share the change's rev.
CREATE TABLE chat_changes (
    rev INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    chat_id INTEGER NOT NULL REFERENCES chats (id),
    kind TEXT NOT NULL CHECK (kind IN ('joined', 'updated', 'removed'))
);
CREATE INDEX chat_changes_user_rev ON chat_changes (user_id, rev);

-- Invite codes for `--registration invite`, stored as the SHA-256 of the normalized code; a
-- sign-up spends one use.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    code_hash BLOB NOT NULL UNIQUE,
    uses INTEGER NOT NULL CHECK (uses > 0),
    uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

-- The one counter every change that sync reports draws from, inside the change's transaction.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO revision (id, value) VALUES (1, 0);
