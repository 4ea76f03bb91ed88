ALTER SCHEMA legacy_billing RENAME TO billing;
