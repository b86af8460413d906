-- Re-imports of documents without an access key (NFS-e, orders, contracts)
-- are recognised by kind, number and series.
CREATE INDEX documents_by_number ON documents (kind, number, series);
