COMMENT ON COLUMN users.legacy_code IS 'unused since 2.3; dropped in a later release';
