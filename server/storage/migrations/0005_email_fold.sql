-- Version 5: emails are unique under NFKC case folding (parley::normalizedEmail), so fullwidth or
-- otherwise look-alike forms of an address name the one account. SQLite cannot fold, so the
-- server fills email_fold in id order right after these statements, in the same transaction;
-- an account whose folded email an older account already holds keeps NULL there and signs in
-- by its own email (email_key) only; `parley-server check` reports it.
ALTER TABLE users ADD COLUMN email_fold TEXT;
CREATE UNIQUE INDEX users_email_fold ON users (email_fold);
