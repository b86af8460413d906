-- Contracts: a monthly charge whose boletos the app creates ahead of each
-- due date. contract_periods records every period ever generated, so that a
-- period is never billed twice, even after its draft is deleted.
CREATE TABLE contracts (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    description   TEXT    NOT NULL DEFAULT '',
    monthly_cents INTEGER NOT NULL,
    day           INTEGER NOT NULL,
    start_date    TEXT    NOT NULL,
    end_date      TEXT,
    months        INTEGER NOT NULL DEFAULT 0,
    lead_days     INTEGER NOT NULL DEFAULT 10,
    auto_issue    INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CONSTRAINT contracts_amount CHECK (monthly_cents > 0),
    CONSTRAINT contracts_day CHECK (day BETWEEN 1 AND 31),
    CONSTRAINT contracts_months CHECK (months >= 0),
    CONSTRAINT contracts_lead CHECK (lead_days BETWEEN 0 AND 60),
    CONSTRAINT contracts_flags CHECK (auto_issue IN (0, 1) AND active IN (0, 1))
);
CREATE INDEX contracts_by_account ON contracts (account_id);

CREATE TABLE contract_periods (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    period      TEXT    NOT NULL, -- YYYY-MM
    boleto_id   INTEGER REFERENCES boletos (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (contract_id, period)
);
