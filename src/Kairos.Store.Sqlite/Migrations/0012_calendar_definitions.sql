-- Institution calendars defined through the API, one row per version: the latest version of an id is in force unless
-- its kind is 'deleted'. revision orders every version of every calendar, so a node notices any change by its maximum.
-- calendar_id is stored upper-case by the application; definition is the store's JSON layout (snake_case).
CREATE TABLE calendar_definitions (
    revision    INTEGER PRIMARY KEY AUTOINCREMENT,
    calendar_id TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('created', 'changed', 'deleted')),
    definition  TEXT    NOT NULL,
    changed_at  BIGINT  NOT NULL,
    changed_by  TEXT    NOT NULL,
    reason      TEXT,
    UNIQUE (calendar_id, version)
);
