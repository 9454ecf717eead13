CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    definition    TEXT NOT NULL,
    source        TEXT NOT NULL,
    overlap       TEXT NOT NULL,
    held          BIGINT NOT NULL DEFAULT 0,
    held_by       TEXT,
    held_reason   TEXT,
    planned_until BIGINT,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE runs (
    id             BIGSERIAL PRIMARY KEY,
    job_id         TEXT NOT NULL,
    slot_time      BIGINT,
    trigger_kind   TEXT NOT NULL,
    business_date  TEXT,
    state          TEXT NOT NULL,
    attempt        BIGINT NOT NULL,
    due_at         BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    skip_reason    TEXT,
    detail         TEXT,
    exit_code      BIGINT,
    http_status    BIGINT,
    node           TEXT,
    lease_until    BIGINT,
    rerun_of       BIGINT,
    requested_by   TEXT,
    kill_requested BIGINT NOT NULL DEFAULT 0
);

-- Exactly once: one run per (job, slot time), enforced by the database, never by memory.
CREATE UNIQUE INDEX ux_runs_slot ON runs (job_id, slot_time) WHERE slot_time IS NOT NULL;
CREATE INDEX ix_runs_due ON runs (due_at, id) WHERE state IN ('scheduled', 'queued');
CREATE INDEX ix_runs_running ON runs (job_id) WHERE state = 'running';
CREATE INDEX ix_runs_job ON runs (job_id, id);

CREATE TABLE run_events (
    id         BIGSERIAL PRIMARY KEY,
    run_id     BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    attempt    BIGINT NOT NULL,
    detail     TEXT
);
CREATE INDEX ix_run_events_run ON run_events (run_id, id);

CREATE TABLE run_logs (
    run_id  BIGINT NOT NULL,
    seq     BIGINT NOT NULL,
    attempt BIGINT NOT NULL,
    stream  TEXT NOT NULL,
    at      BIGINT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE audit (
    id     BIGSERIAL PRIMARY KEY,
    at     BIGINT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    reason TEXT,
    detail TEXT
);
CREATE INDEX ix_audit_target ON audit (target, id);
