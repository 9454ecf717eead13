-- Console sessions live here, not only in the cookie, so that signing out, disabling a user or changing their
-- password ends a session on every node at once. The cookie carries a random session id; only its SHA-256 is kept.
-- absolute_expiry is sign-in + SessionMax and never moves; idle_expiry slides with use, never past absolute_expiry.
-- ticket is the sign-in ticket, protected with the same keys as the cookie.
CREATE TABLE sessions (
    id_hash         TEXT PRIMARY KEY,
    user_name       TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    absolute_expiry BIGINT NOT NULL,
    idle_expiry     BIGINT NOT NULL,
    revoked_at      BIGINT,
    ticket          TEXT   NOT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_name);
CREATE INDEX ix_sessions_absolute_expiry ON sessions (absolute_expiry);

-- Per-account lockout, kept in the store so it holds whichever node a sign-in reaches: wrong passwords counted since
-- failures_since, and the end of a lock.
ALTER TABLE users ADD COLUMN failed_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN failures_since BIGINT;
ALTER TABLE users ADD COLUMN locked_until BIGINT;
