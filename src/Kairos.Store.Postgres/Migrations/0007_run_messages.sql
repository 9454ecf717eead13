-- The message each event-triggered run was created for, so every attempt sees what arrived and an operator can read
-- it later. (job, message id) is unique: a message redelivered by Kafka, or sent twice by its publisher with the same
-- correlation id, finds its run here and creates no second one.
CREATE TABLE run_messages (
    run_id         BIGINT  PRIMARY KEY,
    job_id         TEXT    NOT NULL,
    message_id     TEXT    NOT NULL,
    topic          TEXT    NOT NULL,
    partition_no   INTEGER NOT NULL,
    message_offset BIGINT  NOT NULL,
    message_key    TEXT,
    message_value  TEXT    NOT NULL,
    headers        TEXT    NOT NULL,
    message_time   BIGINT  NOT NULL,
    UNIQUE (job_id, message_id)
);
