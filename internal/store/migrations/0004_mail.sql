-- E-mail delivery of boletos: the SMTP server of each account and an outbox
-- of messages, one per boleto and recipient. The SMTP password is never
-- stored here: it lives in the OS keychain (see internal/mail).
CREATE TABLE mail_settings (
    account_id       INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    host             TEXT    NOT NULL,
    port             INTEGER NOT NULL,
    security         TEXT    NOT NULL,              -- starttls | tls | none
    username         TEXT    NOT NULL DEFAULT '',   -- '' when the server takes no AUTH
    from_name        TEXT    NOT NULL DEFAULT '',
    from_address     TEXT    NOT NULL,
    reply_to         TEXT    NOT NULL DEFAULT '',
    subject_template TEXT    NOT NULL DEFAULT '',   -- '' means the default template
    body_template    TEXT    NOT NULL DEFAULT '',   -- '' means the default template
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    CONSTRAINT mail_settings_host CHECK (length(trim(host)) > 0),
    CONSTRAINT mail_settings_port CHECK (port BETWEEN 1 AND 65535),
    CONSTRAINT mail_settings_security CHECK (security IN ('starttls', 'tls', 'none')),
    CONSTRAINT mail_settings_from CHECK (length(trim(from_address)) > 0)
);

-- One row per message. A message is claimed by the worker ('sending', with
-- next_attempt_at as the end of its lease: a worker that died mid-send
-- gives it back when the lease ends), then 'sent', or 'queued' again for a
-- later attempt, or 'failed' for good. Subject and body are what was last
-- rendered (at queueing, then at sending); the PDF is rendered at send time.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    boleto_id       INTEGER NOT NULL REFERENCES boletos (id) ON DELETE CASCADE,
    to_address      TEXT    NOT NULL,
    subject         TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,     -- in the current run (reset when queued again by the user)
    next_attempt_at TEXT,                           -- NULL once sent or failed
    last_error      TEXT    NOT NULL DEFAULT '',    -- pt-BR, why the last attempt failed
    message_id      TEXT    NOT NULL DEFAULT '',    -- the Message-ID header sent
    created_at      TEXT    NOT NULL,
    attempts_since  TEXT,                           -- first attempt of the current run; NULL before it
    sent_at         TEXT,
    updated_at      TEXT    NOT NULL,
    CONSTRAINT mail_outbox_to CHECK (length(trim(to_address)) > 0),
    CONSTRAINT mail_outbox_state CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    CONSTRAINT mail_outbox_attempts CHECK (attempts >= 0)
);
-- The worker's pick-up: due messages, oldest first.
CREATE INDEX mail_outbox_by_state ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_by_boleto ON mail_outbox (boleto_id, id);
CREATE INDEX mail_outbox_by_account ON mail_outbox (account_id, state);
