CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    definition    TEXT NOT NULL,
    source        TEXT NOT NULL,
    overlap       TEXT NOT NULL,
    held          INTEGER NOT NULL DEFAULT 0,
    held_by       TEXT,
    held_reason   TEXT,
    planned_until INTEGER,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id         TEXT NOT NULL,
    slot_time      INTEGER,
    trigger_kind   TEXT NOT NULL,
    business_date  TEXT,
    state          TEXT NOT NULL,
    attempt        INTEGER NOT NULL,
    due_at         INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER,
    skip_reason    TEXT,
    detail         TEXT,
    exit_code      INTEGER,
    http_status    INTEGER,
    node           TEXT,
    lease_until    INTEGER,
    rerun_of       INTEGER,
    requested_by   TEXT,
    kill_requested INTEGER NOT NULL DEFAULT 0
);

-- Exactly once: one run per (job, slot time), enforced by the database, never by memory.
CREATE UNIQUE INDEX ux_runs_slot ON runs (job_id, slot_time) WHERE slot_time IS NOT NULL;
CREATE INDEX ix_runs_due ON runs (due_at, id) WHERE state IN ('scheduled', 'queued');
CREATE INDEX ix_runs_running ON runs (job_id) WHERE state = 'running';
CREATE INDEX ix_runs_job ON runs (job_id, id);

CREATE TABLE run_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    attempt    INTEGER NOT NULL,
    detail     TEXT
);
CREATE INDEX ix_run_events_run ON run_events (run_id, id);

CREATE TABLE run_logs (
    run_id  INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    stream  TEXT NOT NULL,
    at      INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    reason TEXT,
    detail TEXT
);
CREATE INDEX ix_audit_target ON audit (target, id);
