-- 0001_init: the first schema of Boletos.
--
-- Conventions:
--   * money is INTEGER centavos (columns ending in _cents), never REAL;
--   * rates are INTEGER hundredths of a percent (columns ending in _bp,
--     basis points: 2,5% is 250);
--   * civil dates are TEXT 'YYYY-MM-DD'; instants are TEXT in UTC,
--     'YYYY-MM-DDTHH:MM:SS.ffffffZ' (both sort correctly as text);
--   * NULL means "absent" only where absent differs from empty;
--   * nothing secret is stored here: client secrets and private keys live in
--     the OS keychain under names derived from accounts.id.
-- Named CHECK constraints are mapped to Portuguese messages by errors.go.

CREATE TABLE accounts (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT    NOT NULL COLLATE NOCASE,
    bank_code              TEXT    NOT NULL DEFAULT '077',
    agency                 TEXT    NOT NULL DEFAULT '0001',
    account_number         TEXT    NOT NULL DEFAULT '',
    checking_account       TEXT    NOT NULL DEFAULT '',  -- x-conta-corrente; '' = header not sent
    environment            TEXT    NOT NULL,
    simulator_url          TEXT    NOT NULL DEFAULT '',
    simulator_ca_pem       TEXT    NOT NULL DEFAULT '',
    direct_integration     INTEGER NOT NULL DEFAULT 0,
    client_id              TEXT    NOT NULL DEFAULT '',
    cert_pem               TEXT    NOT NULL DEFAULT '',  -- public certificate only
    cert_subject           TEXT    NOT NULL DEFAULT '',
    cert_issuer            TEXT    NOT NULL DEFAULT '',
    cert_serial            TEXT    NOT NULL DEFAULT '',
    cert_not_after         TEXT,
    beneficiary_document   TEXT    NOT NULL DEFAULT '',
    beneficiary_name       TEXT    NOT NULL DEFAULT '',  -- razão social
    beneficiary_address    TEXT    NOT NULL DEFAULT '',
    beneficiary_number     TEXT    NOT NULL DEFAULT '',
    beneficiary_complement TEXT    NOT NULL DEFAULT '',
    beneficiary_district   TEXT    NOT NULL DEFAULT '',
    beneficiary_city       TEXT    NOT NULL DEFAULT '',
    beneficiary_uf         TEXT    NOT NULL DEFAULT '',
    beneficiary_cep        TEXT    NOT NULL DEFAULT '',
    beneficiary_email      TEXT    NOT NULL DEFAULT '',
    beneficiary_ddd        TEXT    NOT NULL DEFAULT '',
    beneficiary_phone      TEXT    NOT NULL DEFAULT '',
    logo                   BLOB,
    logo_type              TEXT    NOT NULL DEFAULT '',  -- media type, e.g. image/png
    interest_code          TEXT,
    interest_rate_bp       INTEGER NOT NULL DEFAULT 0,
    interest_amount_cents  INTEGER NOT NULL DEFAULT 0,
    fine_code              TEXT,
    fine_rate_bp           INTEGER NOT NULL DEFAULT 0,
    fine_amount_cents      INTEGER NOT NULL DEFAULT 0,
    discount_code          TEXT,
    discount_rate_bp       INTEGER NOT NULL DEFAULT 0,
    discount_amount_cents  INTEGER NOT NULL DEFAULT 0,
    discount_days_before   INTEGER NOT NULL DEFAULT 0,
    agenda_days            INTEGER NOT NULL DEFAULT 0,
    message1               TEXT    NOT NULL DEFAULT '',
    message2               TEXT    NOT NULL DEFAULT '',
    message3               TEXT    NOT NULL DEFAULT '',
    message4               TEXT    NOT NULL DEFAULT '',
    message5               TEXT    NOT NULL DEFAULT '',
    default_due_days       INTEGER NOT NULL DEFAULT 0,
    operation_number       TEXT    NOT NULL DEFAULT '',  -- número da operação, 7 digits, for printing
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    UNIQUE (name),
    CONSTRAINT accounts_name CHECK (length(trim(name)) > 0),
    CONSTRAINT accounts_bank_code CHECK (bank_code GLOB '[0-9][0-9][0-9]'),
    CONSTRAINT accounts_environment CHECK (environment IN ('production', 'sandbox', 'simulator', 'demo')),
    CONSTRAINT accounts_direct_integration CHECK (direct_integration IN (0, 1)),
    CONSTRAINT charges_interest_code CHECK (interest_code IS NULL OR interest_code IN ('TAXAMENSAL', 'VALORDIA')),
    CONSTRAINT charges_fine_code CHECK (fine_code IS NULL OR fine_code IN ('PERCENTUAL', 'VALORFIXO')),
    CONSTRAINT charges_discount_code CHECK (discount_code IS NULL OR discount_code IN ('PERCENTUALDATAINFORMADA', 'VALORFIXODATAINFORMADA')),
    CONSTRAINT charges_not_negative CHECK (interest_rate_bp >= 0 AND interest_amount_cents >= 0 AND fine_rate_bp >= 0
        AND fine_amount_cents >= 0 AND discount_rate_bp >= 0 AND discount_amount_cents >= 0 AND discount_days_before >= 0),
    CONSTRAINT charges_agenda_days CHECK (agenda_days BETWEEN 0 AND 60),
    CONSTRAINT accounts_default_due_days CHECK (default_due_days >= 0),
    CONSTRAINT accounts_operation_number CHECK (operation_number = '' OR operation_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
);

CREATE TABLE payers (
    id          INTEGER PRIMARY KEY,
    document    TEXT NOT NULL,                -- CPF/CNPJ without mask, upper case
    name        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    number      TEXT NOT NULL DEFAULT '',
    complement  TEXT NOT NULL DEFAULT '',
    district    TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    uf          TEXT NOT NULL DEFAULT '',
    cep         TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    ddd         TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',     -- folded name and document, written by the store
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (document),
    CONSTRAINT payers_document CHECK (length(document) > 0)
);
CREATE INDEX payers_by_name ON payers (search_text);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    number       TEXT    NOT NULL DEFAULT '',
    series       TEXT    NOT NULL DEFAULT '',
    access_key   TEXT,                          -- chave de acesso of NF-e/CT-e/NFS-e
    issue_date   TEXT,
    payer_id     INTEGER REFERENCES payers (id) ON DELETE SET NULL,
    total_cents  INTEGER NOT NULL DEFAULT 0,
    file_sha256  TEXT,                          -- of the imported file, to detect re-imports
    created_at   TEXT    NOT NULL,
    UNIQUE (access_key),
    CONSTRAINT documents_kind CHECK (kind IN ('nfe', 'nfse', 'cte', 'sales_order', 'service_order', 'future_sale', 'contract', 'manual')),
    CONSTRAINT documents_access_key CHECK (access_key IS NULL OR (length(access_key) = 44 AND access_key NOT GLOB '*[^0-9]*')),
    CONSTRAINT documents_issue_date CHECK (issue_date IS NULL OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CONSTRAINT documents_total CHECK (total_cents >= 0),
    CONSTRAINT documents_file_sha256 CHECK (file_sha256 IS NULL OR (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'))
);
CREATE INDEX documents_by_payer ON documents (payer_id);
CREATE INDEX documents_by_file ON documents (file_sha256);

-- Every seuNumero ever given out, per account. A row is never deleted while
-- its account exists, so a number stays burnt after its draft is deleted.
CREATE TABLE seu_numeros (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    seu_numero  TEXT    NOT NULL,
    reserved_at TEXT    NOT NULL,
    PRIMARY KEY (account_id, seu_numero),
    CONSTRAINT seu_numero_length CHECK (length(seu_numero) BETWEEN 1 AND 15)
) WITHOUT ROWID;

-- The counter behind the generated seuNumero of each account.
CREATE TABLE seu_numero_sequences (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    last_value INTEGER NOT NULL
);

CREATE TABLE boletos (
    id                      INTEGER PRIMARY KEY,
    account_id              INTEGER NOT NULL REFERENCES accounts (id),
    payer_id                INTEGER REFERENCES payers (id) ON DELETE SET NULL,
    seu_numero              TEXT    NOT NULL,
    state                   TEXT    NOT NULL DEFAULT 'draft',
    amount_cents            INTEGER NOT NULL DEFAULT 0,
    due_date                TEXT,
    issue_date              TEXT,
    -- the pagador as sent to the bank (a snapshot: editing the payer later does not change it)
    payer_document          TEXT    NOT NULL DEFAULT '',
    payer_name              TEXT    NOT NULL DEFAULT '',
    payer_address           TEXT    NOT NULL DEFAULT '',
    payer_number            TEXT    NOT NULL DEFAULT '',
    payer_complement        TEXT    NOT NULL DEFAULT '',
    payer_district          TEXT    NOT NULL DEFAULT '',
    payer_city              TEXT    NOT NULL DEFAULT '',
    payer_uf                TEXT    NOT NULL DEFAULT '',
    payer_cep               TEXT    NOT NULL DEFAULT '',
    payer_email             TEXT    NOT NULL DEFAULT '',
    payer_ddd               TEXT    NOT NULL DEFAULT '',
    payer_phone             TEXT    NOT NULL DEFAULT '',
    final_beneficiary       TEXT,                       -- JSON of the sacador avalista, NULL when none
    -- the charges as sent (snapshot of the account defaults, possibly edited)
    interest_code           TEXT,
    interest_rate_bp        INTEGER NOT NULL DEFAULT 0,
    interest_amount_cents   INTEGER NOT NULL DEFAULT 0,
    fine_code               TEXT,
    fine_rate_bp            INTEGER NOT NULL DEFAULT 0,
    fine_amount_cents       INTEGER NOT NULL DEFAULT 0,
    discount_code           TEXT,
    discount_rate_bp        INTEGER NOT NULL DEFAULT 0,
    discount_amount_cents   INTEGER NOT NULL DEFAULT 0,
    discount_days_before    INTEGER NOT NULL DEFAULT 0,
    agenda_days             INTEGER NOT NULL DEFAULT 0,
    message1                TEXT    NOT NULL DEFAULT '',
    message2                TEXT    NOT NULL DEFAULT '',
    message3                TEXT    NOT NULL DEFAULT '',
    message4                TEXT    NOT NULL DEFAULT '',
    message5                TEXT    NOT NULL DEFAULT '',
    -- what the bank gave back
    codigo_solicitacao      TEXT,
    nosso_numero            TEXT    NOT NULL DEFAULT '',
    barcode                 TEXT    NOT NULL DEFAULT '',
    linha_digitavel         TEXT    NOT NULL DEFAULT '',
    pix_copy_paste          TEXT    NOT NULL DEFAULT '',
    txid                    TEXT    NOT NULL DEFAULT '',
    bank_situation          TEXT    NOT NULL DEFAULT '',  -- raw situacao, e.g. A_RECEBER
    bank_situation_date     TEXT,
    failure_reason          TEXT    NOT NULL DEFAULT '',
    paid_amount_cents       INTEGER NOT NULL DEFAULT 0,
    paid_date               TEXT,
    paid_channel            TEXT,
    cancel_reason           TEXT    NOT NULL DEFAULT '',
    -- origin and links
    document_id             INTEGER REFERENCES documents (id),
    installment_number      INTEGER,
    installment_total       INTEGER,
    replaces_id             INTEGER REFERENCES boletos (id) ON DELETE SET NULL,
    replaced_by_id          INTEGER REFERENCES boletos (id) ON DELETE SET NULL,
    -- bookkeeping
    version                 INTEGER NOT NULL DEFAULT 1,
    send_attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at         TEXT,
    flags                   INTEGER NOT NULL DEFAULT 0,
    search_text             TEXT    NOT NULL DEFAULT '',  -- folded payer name, document, seu/nosso número
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    UNIQUE (account_id, seu_numero),
    CONSTRAINT seu_numero_length CHECK (length(seu_numero) BETWEEN 1 AND 15),
    CONSTRAINT boletos_state CHECK (state IN ('draft', 'queued', 'sending', 'processing', 'issued', 'overdue', 'paid',
        'cancel_requested', 'cancelled', 'expired', 'failed', 'protested')),
    CONSTRAINT boletos_amount CHECK (amount_cents >= 0 AND paid_amount_cents >= 0),
    CONSTRAINT boletos_dates CHECK (
        (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') AND
        (issue_date IS NULL OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') AND
        (paid_date IS NULL OR paid_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') AND
        (bank_situation_date IS NULL OR bank_situation_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')),
    CONSTRAINT boletos_paid_channel CHECK (paid_channel IS NULL OR paid_channel IN ('BOLETO', 'PIX')),
    CONSTRAINT boletos_installment CHECK (
        (installment_number IS NULL AND installment_total IS NULL) OR
        (installment_number BETWEEN 1 AND installment_total)),
    CONSTRAINT boletos_final_beneficiary CHECK (final_beneficiary IS NULL OR json_valid(final_beneficiary)),
    CONSTRAINT boletos_counters CHECK (version >= 1 AND send_attempts >= 0),
    CONSTRAINT charges_interest_code CHECK (interest_code IS NULL OR interest_code IN ('TAXAMENSAL', 'VALORDIA')),
    CONSTRAINT charges_fine_code CHECK (fine_code IS NULL OR fine_code IN ('PERCENTUAL', 'VALORFIXO')),
    CONSTRAINT charges_discount_code CHECK (discount_code IS NULL OR discount_code IN ('PERCENTUALDATAINFORMADA', 'VALORFIXODATAINFORMADA')),
    CONSTRAINT charges_not_negative CHECK (interest_rate_bp >= 0 AND interest_amount_cents >= 0 AND fine_rate_bp >= 0
        AND fine_amount_cents >= 0 AND discount_rate_bp >= 0 AND discount_amount_cents >= 0 AND discount_days_before >= 0),
    CONSTRAINT charges_agenda_days CHECK (agenda_days BETWEEN 0 AND 60)
);
-- Listing by account and state, with the totals and the text search: the
-- index covers those queries, so they never touch the (wide) table rows.
CREATE INDEX boletos_by_account_state ON boletos (account_id, state, amount_cents, paid_amount_cents, search_text);
-- The outbox pick-up and retries.
CREATE INDEX boletos_by_state ON boletos (state, next_attempt_at);
-- Due dates: ordered within an account, and ranges across accounts.
CREATE INDEX boletos_by_account_due_date ON boletos (account_id, due_date);
CREATE INDEX boletos_by_due_date ON boletos (due_date);
CREATE INDEX boletos_by_paid_date ON boletos (paid_date);
CREATE INDEX boletos_by_payer ON boletos (payer_id);
CREATE INDEX boletos_by_document ON boletos (document_id);
CREATE INDEX boletos_by_replaces ON boletos (replaces_id) WHERE replaces_id IS NOT NULL;
CREATE INDEX boletos_by_replaced_by ON boletos (replaced_by_id) WHERE replaced_by_id IS NOT NULL;
CREATE UNIQUE INDEX boletos_by_codigo_solicitacao ON boletos (codigo_solicitacao) WHERE codigo_solicitacao IS NOT NULL;

CREATE TABLE boleto_events (
    id          INTEGER PRIMARY KEY,
    boleto_id   INTEGER NOT NULL REFERENCES boletos (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    old_state   TEXT,                   -- NULL for the event that created the boleto
    new_state   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    message     TEXT    NOT NULL DEFAULT '',   -- pt-BR, never a secret
    request_id  TEXT    NOT NULL DEFAULT '',   -- the bank's request id, when there is one
    details     TEXT,                          -- JSON, NULL when none
    CONSTRAINT boleto_events_kind CHECK (length(kind) > 0),
    CONSTRAINT boleto_events_details CHECK (details IS NULL OR json_valid(details))
);
CREATE INDEX boleto_events_by_boleto ON boleto_events (boleto_id, id);

CREATE TABLE settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Where the retorno poller stopped, per account.
CREATE TABLE sync_cursors (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    last_cycle_at TEXT,
    cursor_date   TEXT,
    last_error    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
