-- Parley schema version 1: accounts, sessions, chats, messages and the sync journal.
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
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    device TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    expires_at INTEGER NOT NULL,
    spent_at INTEGER
);

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

CREATE TABLE chat_changes (
    rev INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    chat_id INTEGER NOT NULL REFERENCES chats (id),
    kind TEXT NOT NULL CHECK (kind IN ('joined', 'updated', 'removed'))
);

-- The one counter every change that sync reports draws from, inside the change's transaction.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO revision (id, value) VALUES (1, 0);
