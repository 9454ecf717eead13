-- Every state change of a run is recorded by the database itself, in the same statement that makes it: no code path
-- can change a run without leaving its event. Statements that change state set changed_at and transition (the why).
ALTER TABLE runs ADD COLUMN changed_at BIGINT;
ALTER TABLE runs ADD COLUMN transition TEXT;

CREATE FUNCTION kairos_record_run_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO run_events (run_id, at, from_state, to_state, attempt, detail)
    VALUES (NEW.id, COALESCE(NEW.changed_at, NEW.created_at),
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.state END, NEW.state, NEW.attempt, NEW.transition);
    RETURN NULL;
END $$;

CREATE TRIGGER tr_runs_inserted AFTER INSERT ON runs
    FOR EACH ROW EXECUTE FUNCTION kairos_record_run_event();

CREATE TRIGGER tr_runs_changed AFTER UPDATE OF state, attempt, kill_requested ON runs
    FOR EACH ROW WHEN (OLD.state <> NEW.state OR OLD.attempt <> NEW.attempt OR NEW.kill_requested > OLD.kill_requested)
    EXECUTE FUNCTION kairos_record_run_event();
