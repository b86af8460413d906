-- The notification list (the bell in the header): one row per event the
-- user is told about — a boleto paid, a boleto that failed to issue, a
-- certificate near its expiry, the sync with the bank failing again and
-- again. dedupe_id names the event ("paid:<boleto>", "cert:<account>:…"),
-- so that the same event is never notified twice, whoever sees it first.
-- Title and body are pt-BR text, written when the event happened.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,   -- NULL when no account is concerned
    boleto_id  INTEGER REFERENCES boletos (id) ON DELETE CASCADE,    -- NULL when no boleto is concerned
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL DEFAULT '',
    dedupe_id  TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    read_at    TEXT,                                                 -- NULL while unread
    CONSTRAINT notifications_kind CHECK (kind IN
        ('paid', 'issue_failed', 'certificate_expiring', 'certificate_expired', 'sync_failing')),
    CONSTRAINT notifications_title CHECK (length(trim(title)) > 0),
    CONSTRAINT notifications_dedupe_id CHECK (length(dedupe_id) > 0)
);
-- The bell's count and the "não lidas" filter.
CREATE INDEX notifications_unread ON notifications (id) WHERE read_at IS NULL;
-- Pruning by age.
CREATE INDEX notifications_by_created ON notifications (created_at);
CREATE INDEX notifications_by_boleto ON notifications (boleto_id);
