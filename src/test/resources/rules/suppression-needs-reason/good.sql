SET lock_timeout = '5s';
-- plc:ignore require-concurrent-index-creation audit_log has 200 rows and no writes during deploys
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at);
