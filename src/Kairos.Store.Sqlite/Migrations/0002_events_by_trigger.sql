-- Every state change of a run is recorded by the database itself, in the same statement that makes it: no code path
-- can change a run without leaving its event. Statements that change state set changed_at and transition (the why).
ALTER TABLE runs ADD COLUMN changed_at INTEGER;
ALTER TABLE runs ADD COLUMN transition TEXT;

CREATE TRIGGER tr_runs_inserted AFTER INSERT ON runs
BEGIN
    INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail)
    VALUES (NEW.id, COALESCE(NEW.changed_at, NEW.created_at), NULL, NEW.state, NEW.attempt, NEW.transition);
END;

CREATE TRIGGER tr_runs_changed AFTER UPDATE OF state, attempt, kill_requested ON runs
WHEN OLD.state <> NEW.state OR OLD.attempt <> NEW.attempt OR NEW.kill_requested > OLD.kill_requested
BEGIN
    INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail)
    VALUES (NEW.id, COALESCE(NEW.changed_at, NEW.created_at), OLD.state, NEW.state, NEW.attempt, NEW.transition);
END;
