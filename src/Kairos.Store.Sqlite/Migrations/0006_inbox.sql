-- Messages a consumer has processed, by the consumer's name and the message's id (its correlation-id header, or
-- topic/partition/offset). A consumer's handler writes and this row commit in one transaction, so a redelivered
-- message finds its row and is skipped: at-least-once delivery with effectively-once effects.
CREATE TABLE inbox (
    consumer       TEXT    NOT NULL,
    message_id     TEXT    NOT NULL,
    topic          TEXT    NOT NULL,
    partition_no   INTEGER NOT NULL,
    message_offset BIGINT  NOT NULL,
    processed_at   BIGINT  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
