-- Scheduler nodes say they are alive once a second. A node silent for longer than the node timeout is dead: other
-- nodes then take over its running runs (after asking its journal what became of them when they share its disk).
CREATE TABLE nodes (
    id           TEXT PRIMARY KEY,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- A claimed run stays scheduled or queued, with the claiming node and a short claim (lease_until) until the node
-- confirms that its action begins: the claim's runs count as occupied for overlap, and a dead node's claims lapse
-- within seconds instead of holding every job's next run.
CREATE INDEX ix_runs_claimed ON runs (job_id) WHERE node IS NOT NULL AND state IN ('scheduled', 'queued');
