-- A "latest" consumer's table: each message key's latest value (today's rate per currency pair) and how many messages
-- updated it. Written in the consumer's inbox transaction, so a redelivered message never counts twice.
CREATE TABLE latest_values (
    consumer       TEXT    NOT NULL,
    message_key    TEXT    NOT NULL,
    value          TEXT    NOT NULL,
    business_date  TEXT,
    message_id     TEXT    NOT NULL,
    topic          TEXT    NOT NULL,
    partition_no   INTEGER NOT NULL,
    message_offset BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    updates        BIGINT  NOT NULL,
    PRIMARY KEY (consumer, message_key)
);
