-- Four eyes: an action that needs a second person waits here, with the exact request, until someone else decides.
CREATE TABLE approvals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    action          TEXT   NOT NULL,
    target          TEXT   NOT NULL,
    payload         TEXT   NOT NULL,
    summary         TEXT   NOT NULL,
    requested_by    TEXT   NOT NULL,
    reason          TEXT,
    requested_at    BIGINT NOT NULL,
    state           TEXT   NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
    decided_by      TEXT,
    decided_at      BIGINT,
    decision_reason TEXT,
    outcome         TEXT
);
CREATE INDEX ix_approvals_pending ON approvals (requested_at) WHERE state = 'pending';

-- Alerts sent about runs. The unique key is what stops a second alert for the same run, reason and webhook, on any node.
CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       BIGINT NOT NULL,
    job_id       TEXT   NOT NULL,
    kind         TEXT   NOT NULL,
    webhook      TEXT   NOT NULL,
    message      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    delivery     TEXT   NOT NULL CHECK (delivery IN ('sending', 'sent', 'failed')),
    error        TEXT,
    delivered_at BIGINT,
    UNIQUE (run_id, kind, webhook)
);

-- Alerts look at runs that finished recently.
CREATE INDEX ix_runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
