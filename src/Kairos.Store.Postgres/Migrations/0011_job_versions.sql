-- The definition column now holds the store's own layout; definition_format says which one a row was written in.
-- Rows from before are format 1 (the API's JSON) and are read as they are, never rewritten here.
ALTER TABLE jobs ADD COLUMN definition_format INTEGER NOT NULL DEFAULT 1;

-- Every version of every job's definition, with who changed it and why. A deletion is a version holding the removed
-- definition; numbers go on after it, so a job id's history is never rewritten. changed_by is a user's name or
-- file:<path> for the job folder.
CREATE TABLE job_versions (
    job_id            TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('created', 'changed', 'deleted')),
    definition        TEXT    NOT NULL,
    definition_format INTEGER NOT NULL,
    changed_at        BIGINT  NOT NULL,
    changed_by        TEXT    NOT NULL,
    reason            TEXT,
    PRIMARY KEY (job_id, version)
);

-- History begins with each existing job as it is now, attributed to where it came from ("api" or its file).
INSERT INTO job_versions (job_id, version, kind, definition, definition_format, changed_at, changed_by, reason)
SELECT id, 1, 'created', definition, definition_format, updated_at, source, NULL FROM jobs;
