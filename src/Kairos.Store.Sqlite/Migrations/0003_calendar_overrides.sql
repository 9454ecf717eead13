-- Calendar overrides are append-only: the latest entry for a (calendar, day) is in force, the rest is its history.
-- Calendar ids are stored upper-case by the application; day is yyyy-MM-dd.
CREATE TABLE calendar_overrides (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    calendar_id TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('non-business-day', 'business-day', 'revert')),
    name        TEXT,
    name_ko     TEXT,
    actor       TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    reason      TEXT,
    source      TEXT
);
CREATE INDEX ix_calendar_overrides_day ON calendar_overrides (calendar_id, day, id);
