-- People and automation that may use the console, the API and the CLI. Passwords are stored only as the framework
-- password hasher's output; API tokens only as their SHA-256, so a copy of the database does not grant access.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    password_hash TEXT    NOT NULL,
    owners        TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    changed_at    BIGINT  NOT NULL
);
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name  TEXT   NOT NULL REFERENCES users (name),
    label      TEXT   NOT NULL,
    hash       TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_name);
-- The keys that sign and encrypt console session cookies and CSRF tokens, shared by every node on the same store.
CREATE TABLE protection_keys (
    name TEXT PRIMARY KEY,
    xml  TEXT NOT NULL
);
-- Where a request came from, kept apart from who made it.
ALTER TABLE audit ADD COLUMN source TEXT;
-- What the target looked like before and after the change, where the action changes something that has a state.
ALTER TABLE audit ADD COLUMN before_state TEXT;
ALTER TABLE audit ADD COLUMN after_state TEXT;
