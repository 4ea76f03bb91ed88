-- The labelled hazard corpus, MySQL / MariaDB part (format: see postgresql.sql). squawk reads only PostgreSQL,
-- so these snippets have no squawk names. MySQL commits around every DDL statement: "transactional" is moot.

-- id: mysql-add-column-no-algorithm
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: without ALGORITHM=INSTANT MySQL silently falls back to a table copy when the instant path is unavailable
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note VARCHAR(255) NULL;

-- id: mysql-add-index-no-lock-none
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: ADD INDEX on a big table without LOCK=NONE can block writes for the whole build
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_created_at (created_at);

-- id: mysql-create-index-no-algorithm
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: CREATE INDEX without ALGORITHM/LOCK may take a lock that blocks writes during the build
SET SESSION lock_wait_timeout = 5;
CREATE INDEX idx_orders_customer ON orders (customer_id);

-- id: mysql-modify-column-type
-- dialect: mysql
-- label: unsafe
-- expect: mysql-column-type-change-copies-table
-- why: changing the data type copies the whole table with writes blocked (ALGORITHM=COPY)
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN amount DECIMAL(12, 2) NOT NULL;

-- id: mysql-change-column-type-and-name
-- dialect: mysql
-- label: unsafe
-- expect: mysql-column-type-change-copies-table, renaming-column
-- why: CHANGE COLUMN renames and retypes at once: a table copy, and running code loses the old name
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders CHANGE COLUMN note remark TEXT;

-- id: mysql-rename-column
-- dialect: mysql
-- label: unsafe
-- expect: renaming-column
-- why: instant in MySQL 8, but the running release still selects the old column name
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders RENAME COLUMN note TO remark, ALGORITHM=INSTANT;

-- id: mysql-rename-table
-- dialect: mysql
-- label: unsafe
-- expect: renaming-table
-- why: every query of the running release names the old table
SET SESSION lock_wait_timeout = 5;
RENAME TABLE orders TO purchases;

-- id: mysql-alter-rename-table
-- dialect: mysql
-- label: unsafe
-- expect: renaming-table
-- why: ALTER TABLE ... RENAME TO breaks the running release like RENAME TABLE
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders RENAME TO purchases;

-- id: mysql-drop-column
-- dialect: mysql
-- label: unsafe
-- expect: ban-drop-column
-- why: data is lost for good and code that still maps the column breaks
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP COLUMN legacy_code, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-drop-table
-- dialect: mysql
-- label: unsafe
-- expect: ban-drop-table
-- why: rows are lost for good and running queries fail
SET SESSION lock_wait_timeout = 5;
DROP TABLE order_archive;

-- id: mysql-add-foreign-key
-- dialect: mysql
-- label: unsafe
-- expect: mysql-add-foreign-key
-- why: with foreign_key_checks on, InnoDB adds the key with ALGORITHM=COPY: the table is copied with writes blocked
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);

-- id: mysql-add-required-column
-- dialect: mysql
-- label: unsafe
-- expect: adding-required-field
-- why: existing rows silently get '' and inserts of the running release that omit the column fail in strict mode
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN status VARCHAR(20) NOT NULL, ALGORITHM=INSTANT;

-- id: mysql-add-auto-increment-column
-- dialect: mysql
-- label: unsafe
-- expect: adding-auto-increment-column
-- why: numbering every existing row rebuilds the table and blocks writes (no LOCK=NONE for AUTO_INCREMENT)
SET SESSION lock_wait_timeout = 5;
ALTER TABLE events ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;

-- id: mysql-add-stored-generated-column
-- dialect: mysql
-- label: unsafe
-- expect: adding-stored-generated-column
-- why: a STORED generated column is computed for every row with a table copy
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (amount * 100) STORED;

-- id: mysql-add-primary-key-no-algorithm
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: adding a primary key rebuilds the clustered index; without LOCK=NONE writes can be blocked for the rebuild
SET SESSION lock_wait_timeout = 5;
ALTER TABLE events ADD PRIMARY KEY (id);

-- id: mysql-add-unique-no-algorithm
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: the unique index build may block writes without LOCK=NONE
SET SESSION lock_wait_timeout = 5;
ALTER TABLE users ADD UNIQUE INDEX uq_users_email (email);

-- id: mysql-convert-charset
-- dialect: mysql
-- label: unsafe
-- expect: mysql-column-type-change-copies-table
-- why: CONVERT TO CHARACTER SET rewrites every text column with ALGORITHM=COPY: writes blocked for the copy
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

-- id: mysql-engine-rebuild
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: ENGINE=InnoDB / FORCE rebuilds the table; without LOCK=NONE writes can be blocked for the rebuild
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ENGINE=InnoDB;

-- id: mysql-several-ddl-in-one-migration
-- dialect: mysql
-- label: unsafe
-- expect: mysql-ddl-not-transactional
-- why: MySQL commits after each DDL: a failure in the second leaves the first applied and the migration half done
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT;
ALTER TABLE orders ADD INDEX idx_orders_status (status), ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-missing-lock-wait-timeout
-- dialect: mysql
-- label: unsafe
-- expect: require-timeout-settings
-- why: the metadata lock waits behind long transactions (default lock_wait_timeout is a year) and queues every query
ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT;

-- id: mariadb-modify-column-type
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-column-type-change-copies-table
-- why: changing INT to BIGINT copies the table with writes blocked
SET SESSION lock_wait_timeout = 5;
ALTER TABLE events MODIFY COLUMN id BIGINT NOT NULL;

-- id: mariadb-add-index-inplace-without-lock
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: ALGORITHM=INPLACE without LOCK=NONE lets MariaDB take a shared lock that blocks writes
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_created_at (created_at), ALGORITHM=INPLACE;

-- id: mariadb-drop-table
-- dialect: mariadb
-- label: unsafe
-- expect: ban-drop-table
-- why: rows are lost for good and running queries fail
SET SESSION lock_wait_timeout = 5;
DROP TABLE IF EXISTS order_archive;

-- id: mariadb-add-foreign-key
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-add-foreign-key
-- why: with foreign_key_checks on, the key is added with a table copy that blocks writes
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);

-- id: mysql-safe-add-column-instant
-- dialect: mysql
-- label: safe
-- why: ALGORITHM=INSTANT makes MySQL refuse instead of copying; the lock wait is bounded
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note VARCHAR(255) NULL, ALGORITHM=INSTANT;

-- id: mysql-safe-add-index-online
-- dialect: mysql
-- label: safe
-- why: INPLACE with LOCK=NONE builds the index while writes go on, or fails instead of locking
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_created_at (created_at), ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-safe-create-index-online
-- dialect: mysql
-- label: safe
-- why: CREATE INDEX with ALGORITHM=INPLACE LOCK=NONE is the online path
SET SESSION lock_wait_timeout = 5;
CREATE INDEX idx_orders_customer ON orders (customer_id) ALGORITHM=INPLACE LOCK=NONE;

-- id: mysql-safe-enum-append-instant
-- dialect: mysql
-- label: safe
-- why: appending an ENUM value at the end is a metadata change; ALGORITHM=INSTANT makes MySQL refuse otherwise
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN status ENUM('new', 'paid', 'refunded') NOT NULL, ALGORITHM=INSTANT;

-- id: mysql-safe-foreign-key-checks-off
-- dialect: mysql
-- label: safe
-- why: with foreign_key_checks=0 InnoDB adds the key in place without copying (existing rows are not checked)
SET SESSION lock_wait_timeout = 5;
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;
SET foreign_key_checks = 1;

-- id: mysql-safe-new-table
-- dialect: mysql
-- label: safe
-- why: a new, empty table with its keys: nothing in use is locked; VARCHAR is fine in MySQL
CREATE TABLE shipments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    carrier VARCHAR(50) NOT NULL,
    shipped_at DATETIME NULL,
    INDEX idx_shipments_order (order_id),
    CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

-- id: mysql-safe-set-default-instant
-- dialect: mysql
-- label: safe
-- why: changing a default only touches the data dictionary
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new', ALGORITHM=INSTANT;

-- id: mysql-safe-rename-index
-- dialect: mysql
-- label: safe
-- why: renaming an index is a metadata change that no query depends on (unless it names the index in a hint)
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders RENAME INDEX idx_old_name TO idx_orders_created_at, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-safe-drop-index-online
-- dialect: mysql
-- label: safe
-- why: dropping a secondary index in place is a metadata change while writes go on
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP INDEX idx_orders_legacy, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-safe-batched-backfill
-- dialect: mysql
-- label: safe
-- why: a bounded batch of rows that still need it, in a migration without DDL
UPDATE orders SET region = 'eu' WHERE id BETWEEN 1 AND 10000 AND region IS NULL;

-- id: mariadb-safe-add-column-instant
-- dialect: mariadb
-- label: safe
-- why: MariaDB 10.3+ adds the column instantly, and ALGORITHM=INSTANT refuses otherwise
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note VARCHAR(255) NULL, ALGORITHM=INSTANT;

-- id: mariadb-safe-add-index-online
-- dialect: mariadb
-- label: safe
-- why: INPLACE with LOCK=NONE, bounded lock wait
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_created_at (created_at), ALGORITHM=INPLACE, LOCK=NONE;

-- id: mariadb-safe-modify-column-widen-varchar-inplace
-- dialect: mariadb
-- label: safe
-- why: widening VARCHAR(100) to VARCHAR(200) within the same length-byte size is in place; LOCK=NONE refuses otherwise
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN note VARCHAR(200) NULL, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-add-fulltext-index
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: a FULLTEXT index cannot be built with LOCK=NONE (the first one even rebuilds the table): writes are blocked
SET SESSION lock_wait_timeout = 5;
ALTER TABLE articles ADD FULLTEXT INDEX ft_articles_body (body);

-- id: mysql-replace-primary-key
-- dialect: mysql
-- label: unsafe
-- expect: mysql-require-online-ddl
-- why: swapping the primary key rebuilds the clustered index; without INPLACE/LOCK=NONE MySQL may copy with writes blocked
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, region);

-- id: mysql-modify-to-not-null
-- dialect: mysql
-- label: unsafe
-- expect: mysql-column-type-change-copies-table
-- why: making a column NOT NULL rebuilds the table, and with ALGORITHM=COPY when not stated
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN region VARCHAR(20) NOT NULL;

-- id: mariadb-change-column-rename
-- dialect: mariadb
-- label: unsafe
-- expect: renaming-column
-- why: even in place, CHANGE old new renames the column under the running release
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders CHANGE note remark VARCHAR(255) NULL, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-safe-drop-foreign-key
-- dialect: mysql
-- label: safe
-- why: dropping a foreign key is in place and metadata-only; rows are not touched
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP FOREIGN KEY fk_orders_legacy, ALGORITHM=INPLACE, LOCK=NONE;

-- id: mysql-safe-add-quantity-int-column
-- dialect: mysql
-- label: safe
-- why: a small counter is fine as INT; INSTANT add with a bounded lock wait
SET SESSION lock_wait_timeout = 5;
ALTER TABLE order_items ADD COLUMN quantity INT NULL, ALGORITHM=INSTANT;

-- id: mariadb-safe-add-virtual-column
-- dialect: mariadb
-- label: safe
-- why: a VIRTUAL generated column is computed on read: adding it is a metadata change
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (amount * 100) VIRTUAL, ALGORITHM=INSTANT;

-- id: maria-add-check-constraint
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-add-check-constraint
-- why: ADD CHECK has no in-place path: MariaDB copies the table with LOCK=SHARED at best, so writes wait
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0);

-- id: maria-safe-default-character-set
-- dialect: mariadb
-- label: safe
-- why: changing only the table's default character set is a metadata change; ALGORITHM=INSTANT refuses otherwise
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4, ALGORITHM=INSTANT;

-- id: mysql-optimize-table
-- dialect: mysql
-- label: unsafe
-- expect: mysql-optimize-table
-- why: OPTIMIZE TABLE rebuilds the whole table on the primary and every replica, blocking writes with a FULLTEXT index
OPTIMIZE TABLE orders;

-- id: mysql-lock-tables
-- dialect: mysql
-- label: unsafe
-- expect: mysql-lock-tables
-- why: LOCK TABLES ... WRITE keeps every other session from reading or writing the table until UNLOCK TABLES
LOCK TABLES orders WRITE;
UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01' LIMIT 1000;
UNLOCK TABLES;

-- id: maria-truncate-table
-- dialect: mariadb
-- label: unsafe
-- expect: ban-truncate-table
-- why: TRUNCATE deletes every row of a table in use and commits implicitly: nothing can roll it back
TRUNCATE TABLE audit_log;

-- id: mariadb-add-column-uuid-default
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-volatile-default-copies-table
-- why: a DEFAULT (UUID()) needs a value per row: MariaDB refuses ALGORITHM=INSTANT and copies the table while writes wait
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN token CHAR(36) DEFAULT (UUID()), ALGORITHM=INSTANT;

-- id: mariadb-add-column-sequence-default
-- dialect: mariadb
-- label: unsafe
-- expect: mysql-volatile-default-copies-table
-- why: NEXT VALUE FOR a sequence is per row: the ADD COLUMN copies the table
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN seq BIGINT DEFAULT (NEXT VALUE FOR order_seq), ALGORITHM=INSTANT;

-- id: mariadb-add-column-now-default
-- dialect: mariadb
-- label: safe
-- why: NOW() / CURRENT_TIMESTAMP give every existing row the same value: MariaDB adds the column instantly (measured on 10.11)
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN seen_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, ALGORITHM=INSTANT;
