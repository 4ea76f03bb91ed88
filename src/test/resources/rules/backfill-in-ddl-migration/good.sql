-- its own migration, after the one that added the column; repeated until no row is left
UPDATE users SET status = 'active' WHERE id IN (SELECT id FROM users WHERE status IS NULL LIMIT 10000);
