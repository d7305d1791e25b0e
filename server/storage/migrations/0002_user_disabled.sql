-- Version 2: accounts an operator turned off keep their data but can no longer sign in.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
