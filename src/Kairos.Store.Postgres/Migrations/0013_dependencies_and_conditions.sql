-- Dependencies between jobs per business date (after). A run held back by them is in state 'waiting' until a
-- dependency pass releases it (it becomes scheduled, ready_at = the release). ready_at is what lateness (misfire) and
-- overlap are judged from: a slot released late because its upstream ran late was not missed.
ALTER TABLE runs ADD COLUMN ready_at BIGINT;

-- Exactly once for the runs of jobs without a schedule: one dependency run per (job, business date), enforced by the
-- database, as ux_runs_slot does for (job, slot time). Concurrent nodes insert with ON CONFLICT DO NOTHING on it.
CREATE UNIQUE INDEX ux_runs_dependency ON runs (job_id, business_date) WHERE trigger_kind = 'dependency';

-- What each dependency pass reads: the waiting runs that are due, oldest first. ix_runs_due does not cover them, as
-- waiting runs are never claimed.
CREATE INDEX ix_runs_waiting ON runs (due_at, id) WHERE state = 'waiting';

-- External conditions: named facts for a business date (yyyy-MM-dd, as runs.business_date) that steps wait for. The
-- first setting is kept: it is what released any waiting run.
CREATE TABLE conditions (
    name          TEXT   NOT NULL,
    business_date TEXT   NOT NULL,
    set_at        BIGINT NOT NULL,
    set_by        TEXT   NOT NULL,
    reason        TEXT,
    PRIMARY KEY (name, business_date)
);
-- Dependency passes read what was set since their last look.
CREATE INDEX ix_conditions_set_at ON conditions (set_at);
