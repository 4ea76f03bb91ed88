-- MariaDB changes the server refuses on a new database holding base.sql.
-- Each case names, in "-- error:", a stable fragment of the server's message (verified on MariaDB 10.11).

-- case: syntax-error-misspelled-keyword
-- error: Unknown data type: 'bio'
ALTER TABLE users ADD COLUM bio TEXT;

-- case: syntax-error-postgres-only
-- error: You have an error in your SQL syntax
ALTER TABLE users ALTER COLUMN bio TYPE VARCHAR(100);

-- case: unknown-table
-- error: doesn't exist
ALTER TABLE user ADD COLUMN bio2 TEXT;

-- case: unknown-column
-- error: Unknown column 'stauts'
ALTER TABLE orders MODIFY stauts VARCHAR(20);

-- case: unknown-column-in-update
-- error: Unknown column 'nick'
UPDATE users SET nick = 'x';

-- case: unknown-type
-- error: Unknown data type: 'STRNG'
ALTER TABLE users ADD COLUMN nickname STRNG;

-- case: unknown-function
-- error: does not exist
UPDATE users SET display_name = no_such_function(email);

-- case: duplicate-column
-- error: Duplicate column name 'email'
ALTER TABLE users ADD COLUMN email VARCHAR(255);

-- case: check-violated-by-existing-rows
-- error: CONSTRAINT `orders_total_min` failed
ALTER TABLE orders ADD CONSTRAINT orders_total_min CHECK (total_cents >= 1000);

-- case: unique-index-over-duplicates
-- error: Duplicate entry
ALTER TABLE orders ADD UNIQUE KEY orders_user_key (user_id);

-- case: not-null-over-seeded-nulls
-- error: Data truncated for column 'display_name'
ALTER TABLE users MODIFY display_name VARCHAR(100) NOT NULL;

-- case: division-by-zero-in-backfill
-- error: Division by 0
UPDATE orders SET total_cents = total_cents DIV (total_cents - total_cents);

-- case: foreign-key-without-parent-rows
-- error: foreign key constraint fails
ALTER TABLE comments ADD CONSTRAINT comments_score_fk FOREIGN KEY (score) REFERENCES products (id);

-- case: instant-not-possible
-- error: ALGORITHM=INSTANT is not supported
ALTER TABLE orders MODIFY total_cents BIGINT NOT NULL, ALGORITHM=INSTANT;

-- case: lock-none-not-possible
-- error: LOCK=NONE is not supported
ALTER TABLE orders MODIFY total_cents BIGINT NOT NULL, LOCK=NONE;

-- case: enum-value-not-in-list
-- error: Data truncated for column 'status'
UPDATE users SET status = 'banned' WHERE id = 1;

-- case: enum-remove-used-value
-- error: Data truncated for column 'status'
ALTER TABLE users MODIFY status ENUM('pending', 'active', 'suspended') NOT NULL DEFAULT 'pending';

-- case: truncate-referenced-table
-- error: Cannot truncate a table referenced in a foreign key constraint
TRUNCATE TABLE users;

-- case: add-partition-below-last
-- error: VALUES LESS THAN value must be strictly increasing for each partition
ALTER TABLE events ADD PARTITION (PARTITION p2023 VALUES LESS THAN ('2024-01-01'));

-- case: spatial-index-on-nullable-column
-- error: All parts of a SPATIAL index must be NOT NULL
ALTER TABLE stores ADD COLUMN area POINT NULL, ADD SPATIAL INDEX stores_area_idx (area);
