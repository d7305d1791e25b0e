-- Version 3: an index for every lookup the store makes besides the primary and unique keys.
CREATE INDEX users_name_key ON users (name_key);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX chat_members_user ON chat_members (user_id);
CREATE UNIQUE INDEX chat_members_join_order ON chat_members (chat_id, join_order);
CREATE INDEX messages_chat_rev ON messages (chat_id, rev);
CREATE INDEX chat_changes_user_rev ON chat_changes (user_id, rev);
