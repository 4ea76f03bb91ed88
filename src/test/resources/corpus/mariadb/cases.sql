-- Valid MariaDB 10.11 changes. Each case applies on its own new database holding base.sql.
-- Format: "-- case: <id>", then optional "-- expect: additive|staged|destructive" and "-- note: ...",
-- then the statements (a client script: DELIMITER is understood), up to the next "-- case:" line.

-- ===== ADD COLUMN =====

-- case: add-column-instant
-- expect: additive
-- note: 10.3+: appending a column is instant
ALTER TABLE users ADD COLUMN nickname VARCHAR(50) NULL, ALGORITHM=INSTANT;

-- case: add-column-not-null-default-first
-- expect: additive
-- note: 10.4+: instant even when not last
ALTER TABLE users ADD COLUMN tenant_id INT NOT NULL DEFAULT 1 FIRST, ALGORITHM=INSTANT;

-- case: add-column-after
-- expect: additive
ALTER TABLE orders ADD COLUMN coupon_code VARCHAR(32) NULL AFTER currency;

-- case: add-column-if-not-exists
-- expect: additive
ALTER TABLE users ADD COLUMN IF NOT EXISTS email VARCHAR(255) NULL;

-- case: add-column-on-update-current-timestamp
-- expect: additive
ALTER TABLE accounts ADD COLUMN updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;

-- case: add-column-invisible
-- expect: additive
ALTER TABLE users ADD COLUMN internal_flags INT NOT NULL DEFAULT 0 INVISIBLE;

-- case: add-generated-virtual
-- expect: additive
ALTER TABLE order_items ADD COLUMN line_total INT AS (quantity * unit_cents) VIRTUAL;

-- case: add-generated-persistent
-- expect: additive
ALTER TABLE users ADD COLUMN email_domain VARCHAR(255) AS (SUBSTRING_INDEX(email, '@', -1)) PERSISTENT;

-- case: add-generated-stored-with-index
-- expect: additive
ALTER TABLE orders ADD COLUMN total_units DECIMAL(12, 2) GENERATED ALWAYS AS (total_cents / 100) STORED,
    ADD INDEX orders_total_units_idx (total_units);

-- case: add-column-with-check-and-comment
-- expect: additive
ALTER TABLE products ADD COLUMN stock INT NOT NULL DEFAULT 0 COMMENT 'Units on hand' CHECK (stock >= 0);

-- case: add-auto-increment-primary-key
-- expect: additive
-- note: a table without a primary key gets one: table rebuild
ALTER TABLE page_views ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;

-- case: add-column-default-next-value-for-sequence
-- expect: additive
ALTER TABLE orders ADD COLUMN invoice_no BIGINT NULL DEFAULT NEXT VALUE FOR invoice_number_seq;

-- case: add-column-quoted
-- expect: additive
ALTER TABLE `Legacy Settings` ADD COLUMN `Description` VARCHAR(255) NULL;

-- case: add-two-columns
-- expect: additive
ALTER TABLE users ADD COLUMN first_name VARCHAR(100) NULL, ADD COLUMN last_name VARCHAR(100) NULL;

-- ===== MODIFY / CHANGE =====

-- case: modify-widen-varchar-instant
-- expect: additive
-- note: the length prefix stays two bytes, so the change is instant
ALTER TABLE users MODIFY display_name VARCHAR(150) NULL, ALGORITHM=INSTANT;

-- case: modify-backfill-then-not-null
-- expect: staged
UPDATE users SET display_name = SUBSTRING_INDEX(email, '@', 1) WHERE display_name IS NULL;
ALTER TABLE users MODIFY display_name VARCHAR(100) NOT NULL;

-- case: modify-leaves-out-not-null
-- expect: additive
-- note: MODIFY restates the whole column: leaving out NOT NULL makes it nullable
ALTER TABLE accounts MODIFY name VARCHAR(100);

-- case: modify-default
-- expect: additive
ALTER TABLE accounts MODIFY plan VARCHAR(20) NOT NULL DEFAULT 'trial';

-- case: modify-drops-on-update-by-omission
-- expect: staged
-- note: leaving out ON UPDATE CURRENT_TIMESTAMP stops updated_at from moving
ALTER TABLE users MODIFY updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- case: modify-character-set-and-collation
-- expect: staged
ALTER TABLE `Legacy Settings` MODIFY `Value` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL;

-- case: modify-collation-binary
-- expect: staged
ALTER TABLE tags MODIFY name VARCHAR(50) COLLATE utf8mb4_bin NOT NULL;

-- case: modify-comment-instant
-- expect: additive
ALTER TABLE users MODIFY login_count INT NOT NULL DEFAULT 0 COMMENT 'Successful sign-ins', ALGORITHM=INSTANT;

-- case: modify-reorder-after
-- expect: additive
ALTER TABLE users MODIFY country CHAR(2) NULL AFTER email;

-- case: modify-first
-- expect: additive
ALTER TABLE orders MODIFY status VARCHAR(20) NOT NULL DEFAULT 'new' FIRST;

-- case: modify-make-invisible
-- expect: staged
-- note: SELECT * no longer returns the column
ALTER TABLE users MODIFY bio TEXT NULL INVISIBLE;

-- case: modify-auto-increment-bigint
-- expect: staged
ALTER TABLE audit_log MODIFY id BIGINT NOT NULL AUTO_INCREMENT;

-- case: modify-int-to-bigint-copy
-- expect: staged
ALTER TABLE orders MODIFY total_cents BIGINT NOT NULL, ALGORITHM=COPY, LOCK=SHARED;

-- case: modify-narrow-varchar
-- expect: destructive
ALTER TABLE accounts MODIFY name VARCHAR(40) NOT NULL;

-- case: modify-generated-expression
-- expect: staged
-- note: a stored column cannot become generated ("not yet supported"); a generated one can change
ALTER TABLE order_items ADD COLUMN line_total INT AS (quantity * unit_cents) VIRTUAL;
ALTER TABLE order_items MODIFY line_total BIGINT AS (CAST(quantity AS SIGNED) * unit_cents) VIRTUAL;

-- case: change-column-rename
-- expect: staged
ALTER TABLE users CHANGE COLUMN display_name nickname VARCHAR(100) NULL;

-- case: change-column-same-name-new-type
-- expect: staged
ALTER TABLE comments CHANGE score score BIGINT NULL;

-- case: change-column-every-attribute
-- expect: staged
ALTER TABLE products CHANGE COLUMN name title VARCHAR(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
    NOT NULL DEFAULT '' COMMENT 'Shown in the shop' AFTER sku;

-- case: change-column-invisible-and-first
-- expect: staged
ALTER TABLE page_views CHANGE referrer referer VARCHAR(255) NULL INVISIBLE FIRST;

-- case: rename-column
-- expect: staged
ALTER TABLE users RENAME COLUMN full_name TO legal_name;

-- case: rename-quoted-column
-- expect: staged
ALTER TABLE `Legacy Settings` RENAME COLUMN `Value` TO `value`;

-- ===== DEFAULTS =====

-- case: alter-column-set-default
-- expect: additive
ALTER TABLE orders ALTER COLUMN currency SET DEFAULT 'USD';

-- case: alter-column-drop-default
-- expect: staged
ALTER TABLE accounts ALTER COLUMN plan DROP DEFAULT;

-- ===== ENUM =====

-- case: enum-append-value-instant
-- expect: additive
-- note: appending at the end keeps the stored numbers: instant
ALTER TABLE users MODIFY status ENUM('pending', 'active', 'suspended', 'deleted', 'archived') NOT NULL DEFAULT 'pending', ALGORITHM=INSTANT;

-- case: enum-insert-value-in-middle
-- expect: staged
-- note: the stored numbers shift: table copy
ALTER TABLE users MODIFY status ENUM('pending', 'invited', 'active', 'suspended', 'deleted') NOT NULL DEFAULT 'pending';

-- case: enum-reorder
-- expect: staged
-- note: ORDER BY status changes
ALTER TABLE users MODIFY status ENUM('active', 'pending', 'suspended', 'deleted') NOT NULL DEFAULT 'pending';

-- case: enum-remove-value
-- expect: destructive
UPDATE users SET status = 'suspended' WHERE status = 'deleted';
ALTER TABLE users MODIFY status ENUM('pending', 'active', 'suspended') NOT NULL DEFAULT 'pending';

-- ===== DROP COLUMN =====

-- case: drop-column-instant
-- expect: destructive
-- note: 10.4+: instant drop
ALTER TABLE users DROP COLUMN bio, ALGORITHM=INSTANT;

-- case: drop-column-if-exists
-- expect: destructive
ALTER TABLE orders DROP COLUMN IF EXISTS note;

-- case: drop-column-with-index
-- expect: destructive
ALTER TABLE users DROP COLUMN status;

-- ===== INDEXES =====

-- case: add-index-online
-- expect: additive
ALTER TABLE orders ADD INDEX orders_status_idx (status), ALGORITHM=INPLACE, LOCK=NONE;

-- case: add-index-nocopy
-- expect: additive
ALTER TABLE users ADD INDEX users_country_idx (country), ALGORITHM=NOCOPY;

-- case: create-index-statement-online
-- expect: additive
CREATE INDEX users_created_idx ON users (created_at) ALGORITHM=INPLACE LOCK=NONE;

-- case: create-unique-index-if-not-exists
-- expect: additive
CREATE UNIQUE INDEX IF NOT EXISTS accounts_user_name_key ON accounts (user_id, name);

-- case: add-unique-key
-- expect: additive
ALTER TABLE products ADD UNIQUE KEY products_name_key (name);

-- case: add-fulltext-index
-- expect: additive
-- note: the first FULLTEXT index on an InnoDB table rebuilds it (adds FTS_DOC_ID)
ALTER TABLE posts ADD FULLTEXT INDEX posts_fulltext (title, body);

-- case: add-spatial-index
-- expect: additive
ALTER TABLE stores ADD SPATIAL INDEX stores_location_idx (location);

-- case: add-prefix-index
-- expect: additive
ALTER TABLE posts ADD INDEX posts_title_prefix (title(50));

-- case: add-descending-index
-- expect: additive
-- note: 10.8+: descending index parts
ALTER TABLE comments ADD INDEX comments_score_desc (score DESC, created_at);

-- case: add-index-with-comment-and-type
-- expect: additive
ALTER TABLE page_views ADD INDEX page_views_viewed_idx (viewed_at) USING BTREE COMMENT 'Traffic charts';

-- case: drop-index
-- expect: additive
ALTER TABLE users DROP INDEX users_status_idx;

-- case: drop-index-statement
-- expect: staged
DROP INDEX products_sku_key ON products;

-- case: rename-index
-- expect: additive
ALTER TABLE orders RENAME INDEX orders_user_id_idx TO orders_user_idx;

-- case: rename-key
-- expect: additive
ALTER TABLE users RENAME KEY users_status_idx TO users_by_status;

-- case: ignore-index
-- expect: additive
-- note: 10.6+: the optimizer stops using the index; it is still maintained
ALTER TABLE users ALTER INDEX users_status_idx IGNORED;

-- case: unignore-index
-- expect: additive
ALTER TABLE users ALTER INDEX users_status_idx IGNORED;
ALTER TABLE users ALTER INDEX users_status_idx NOT IGNORED;

-- ===== PRIMARY AND FOREIGN KEYS, CHECKS =====

-- case: replace-primary-key
-- expect: staged
ALTER TABLE post_tags DROP PRIMARY KEY, ADD PRIMARY KEY (tag_id, post_id);

-- case: add-composite-primary-key
-- expect: additive
DELETE FROM page_views WHERE user_id IS NULL;
ALTER TABLE page_views MODIFY user_id BIGINT UNSIGNED NOT NULL, ADD PRIMARY KEY (user_id, viewed_at);

-- case: add-foreign-key
-- expect: additive
ALTER TABLE page_views ADD CONSTRAINT page_views_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;

-- case: add-foreign-key-inplace-without-checks
-- expect: additive
-- note: INPLACE is allowed for ADD FOREIGN KEY only with foreign_key_checks off
SET SESSION foreign_key_checks = 0;
ALTER TABLE comments ADD CONSTRAINT comments_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id), ALGORITHM=INPLACE, LOCK=NONE;
SET SESSION foreign_key_checks = 1;

-- case: drop-foreign-key
-- expect: additive
ALTER TABLE orders DROP FOREIGN KEY orders_user_fk;

-- case: drop-foreign-key-and-its-index
-- expect: additive
ALTER TABLE post_tags DROP FOREIGN KEY post_tags_tag_fk;
ALTER TABLE post_tags DROP INDEX post_tags_tag_idx;

-- case: add-check-constraint
-- expect: additive
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price_cents > 0);

-- case: add-unnamed-check
-- expect: additive
ALTER TABLE accounts ADD CHECK (balance >= 0);

-- case: drop-column-check-constraint
-- expect: additive
-- note: MariaDB has no DROP CHECK (MySQL 8.0.19 has): checks go with DROP CONSTRAINT
ALTER TABLE order_items DROP CONSTRAINT order_items_quantity_check;

-- case: drop-constraint
-- expect: additive
ALTER TABLE orders DROP CONSTRAINT orders_status_check;

-- case: drop-constraint-if-exists
-- expect: additive
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_login_count_nonneg;

-- ===== TABLE OPTIONS AND REBUILDS =====

-- case: engine-innodb-rebuild
-- expect: additive
ALTER TABLE audit_log ENGINE=InnoDB;

-- case: force-rebuild-online
-- expect: additive
ALTER TABLE audit_log FORCE, ALGORITHM=INPLACE, LOCK=NONE;

-- case: alter-online-table
-- expect: additive
-- note: ALTER ONLINE TABLE is LOCK=NONE
ALTER ONLINE TABLE tags ADD COLUMN color VARCHAR(7) NULL;

-- case: lock-exclusive
-- expect: additive
ALTER TABLE tags ADD COLUMN icon VARCHAR(20) NULL, LOCK=EXCLUSIVE;

-- case: convert-to-utf8mb4
-- expect: staged
ALTER TABLE `Legacy Settings` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- case: default-charset-only
-- expect: additive
-- note: existing columns keep latin1; only new columns get utf8mb4
ALTER TABLE `Legacy Settings` DEFAULT CHARACTER SET = utf8mb4;

-- case: table-comment
-- expect: additive
ALTER TABLE orders COMMENT = 'One row per checkout; see order_items';

-- case: auto-increment-value
-- expect: additive
ALTER TABLE orders AUTO_INCREMENT = 1000;

-- case: row-format-dynamic
-- expect: additive
ALTER TABLE comments ROW_FORMAT=DYNAMIC;

-- case: row-format-compact
-- expect: additive
ALTER TABLE audit_log ROW_FORMAT=COMPACT;

-- case: wait-and-nowait
-- expect: additive
ALTER TABLE users WAIT 5 ADD COLUMN locale VARCHAR(10) NULL;
ALTER TABLE users NOWAIT ALTER COLUMN locale SET DEFAULT 'en';

-- case: add-system-versioning
-- expect: additive
ALTER TABLE audit_log ADD SYSTEM VERSIONING;

-- case: combined-clauses
-- expect: staged
ALTER TABLE orders
    ADD COLUMN refunded_cents INT NOT NULL DEFAULT 0,
    MODIFY note VARCHAR(1000) NULL,
    DROP CONSTRAINT orders_total_positive,
    ADD CONSTRAINT orders_refund_le_total CHECK (refunded_cents <= total_cents),
    ADD INDEX orders_placed_idx (placed_at);

-- ===== PARTITIONS =====

-- case: add-partition
-- expect: additive
ALTER TABLE events ADD PARTITION (PARTITION p2026 VALUES LESS THAN ('2027-01-01'));

-- case: add-maxvalue-partition
-- expect: additive
ALTER TABLE events ADD PARTITION (PARTITION pmax VALUES LESS THAN (MAXVALUE));

-- case: drop-partition
-- expect: destructive
ALTER TABLE events DROP PARTITION p2024;

-- case: reorganize-partition
-- expect: additive
ALTER TABLE events REORGANIZE PARTITION p2025 INTO (
    PARTITION p2025h1 VALUES LESS THAN ('2025-07-01'),
    PARTITION p2025h2 VALUES LESS THAN ('2026-01-01')
);

-- case: truncate-partition
-- expect: destructive
ALTER TABLE events TRUNCATE PARTITION p2024;

-- case: exchange-partition
-- expect: staged
CREATE TABLE events_2024 LIKE events;
ALTER TABLE events_2024 REMOVE PARTITIONING;
ALTER TABLE events EXCHANGE PARTITION p2024 WITH TABLE events_2024;

-- case: convert-partition-to-table
-- expect: staged
-- note: 10.7+
ALTER TABLE events CONVERT PARTITION p2024 TO TABLE events_archive_2024;

-- case: partition-maintenance
-- expect: additive
ALTER TABLE events ANALYZE PARTITION p2024;
ALTER TABLE events REBUILD PARTITION p2025;
ALTER TABLE events CHECK PARTITION ALL;

-- case: partition-existing-table-by-hash
-- expect: additive
ALTER TABLE audit_log PARTITION BY HASH (id) PARTITIONS 4;

-- case: remove-partitioning
-- expect: additive
ALTER TABLE events REMOVE PARTITIONING;

-- ===== RENAME TABLE =====

-- case: rename-table
-- expect: staged
RENAME TABLE comments TO post_comments;

-- case: alter-table-rename-to
-- expect: staged
ALTER TABLE audit_log RENAME TO audit_events;

-- case: rename-swap-tables
-- expect: staged
-- note: copy, then swap both names in one atomic RENAME TABLE
CREATE TABLE tags_new LIKE tags;
INSERT INTO tags_new SELECT * FROM tags;
RENAME TABLE tags TO tags_old, tags_new TO tags;

-- case: rename-quoted-table
-- expect: staged
RENAME TABLE `Legacy Settings` TO legacy_settings;

-- ===== VIEWS =====

-- case: create-view
-- expect: additive
CREATE VIEW order_summaries AS
    SELECT o.id, u.email, o.total_cents, o.currency, o.status FROM orders o JOIN users u ON u.id = o.user_id;

-- case: create-or-replace-view-with-options
-- expect: additive
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW active_users AS
    SELECT id, email, display_name, created_at, login_count FROM users WHERE status = 'active'
    WITH CASCADED CHECK OPTION;

-- case: alter-view
-- expect: staged
ALTER VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';

-- case: drop-view
-- expect: staged
DROP VIEW IF EXISTS active_users;

-- ===== TRIGGERS =====

-- case: create-trigger-delimiter
-- expect: additive
DELIMITER //
CREATE TRIGGER orders_audit_insert AFTER INSERT ON orders FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, action, payload)
    VALUES ('orders', 'insert', JSON_OBJECT('id', NEW.id));
    IF NEW.total_cents = 0 THEN
        INSERT INTO audit_log (table_name, action) VALUES ('orders', 'free');
    END IF;
END//
DELIMITER ;

-- case: create-trigger-dollar-delimiter
-- expect: additive
-- note: "END $$" with a space: the splitter reads "END$$" as one word and misses the delimiter
DELIMITER $$
CREATE TRIGGER users_lower_email BEFORE UPDATE ON users FOR EACH ROW
BEGIN
    SET NEW.email = LOWER(NEW.email);
END $$
DELIMITER ;

-- case: create-trigger-plain-single-statement
-- expect: additive
CREATE TRIGGER comments_no_negative BEFORE INSERT ON comments FOR EACH ROW
    SET NEW.score = GREATEST(COALESCE(NEW.score, 0), 0);

-- case: create-trigger-plain-begin-end
-- expect: additive
-- note: no DELIMITER: the splitter must keep BEGIN ... END together
CREATE TRIGGER accounts_plan_check BEFORE UPDATE ON accounts FOR EACH ROW
BEGIN
    IF NEW.plan NOT IN ('free', 'pro', 'team', 'trial') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'unknown plan; see docs';
    END IF;
    SET NEW.name = TRIM(NEW.name);
END;

-- case: create-or-replace-trigger-follows
-- expect: additive
CREATE OR REPLACE TRIGGER posts_slug_trim BEFORE INSERT ON posts FOR EACH ROW FOLLOWS posts_slug_lower
    SET NEW.slug = TRIM(NEW.slug);

-- case: drop-trigger
-- expect: staged
DROP TRIGGER IF EXISTS posts_slug_lower;

-- ===== ROUTINES, SEQUENCES, EVENTS =====

-- case: create-procedure-delimiter-and-call
-- expect: additive
DELIMITER //
CREATE PROCEDURE backfill_display_names(IN batch INT)
BEGIN
    DECLARE n INT DEFAULT 1;
    WHILE n > 0 DO
        UPDATE users SET display_name = SUBSTRING_INDEX(email, '@', 1)
        WHERE display_name IS NULL LIMIT batch;
        SET n = ROW_COUNT();
    END WHILE;
END//
DELIMITER ;
CALL backfill_display_names(1);

-- case: create-procedure-plain-with-case-and-loops
-- expect: additive
-- note: CASE ... END CASE, a CASE expression, LOOP and REPEAT inside a body without DELIMITER
CREATE PROCEDURE classify_orders()
BEGIN
    DECLARE done INT DEFAULT 0;
    DECLARE i INT DEFAULT 0;
    label1: LOOP
        SET i = i + 1;
        IF i > 3 THEN
            LEAVE label1;
        END IF;
    END LOOP label1;
    REPEAT
        SET i = i - 1;
    UNTIL i <= 0 END REPEAT;
    CASE (SELECT COUNT(*) FROM orders)
        WHEN 0 THEN SET done = 1;
        ELSE SET done = 2;
    END CASE;
    UPDATE orders SET note = CASE WHEN total_cents = 0 THEN 'free' ELSE note END WHERE note IS NULL;
END;
CALL classify_orders();

-- case: create-function-delimiter
-- expect: additive
DELIMITER //
CREATE FUNCTION order_total(p_order BIGINT UNSIGNED) RETURNS BIGINT
READS SQL DATA
BEGIN
    DECLARE t BIGINT;
    SELECT SUM(quantity * unit_cents) INTO t FROM order_items WHERE order_id = p_order;
    RETURN COALESCE(t, 0);
END//
DELIMITER ;

-- case: create-or-replace-function
-- expect: additive
CREATE OR REPLACE FUNCTION cents_to_units(c INT) RETURNS DECIMAL(14, 4) DETERMINISTIC
    RETURN c / 100;

-- case: drop-function
-- expect: staged
DROP FUNCTION IF EXISTS cents_to_units;

-- case: drop-procedure
-- expect: additive
CREATE PROCEDURE noop() SELECT 1;
DROP PROCEDURE IF EXISTS noop;

-- case: begin-not-atomic-block
-- expect: additive
BEGIN NOT ATOMIC
    DECLARE c INT;
    SELECT COUNT(*) INTO c FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND INDEX_NAME = 'orders_placed_idx';
    IF c = 0 THEN
        ALTER TABLE orders ADD INDEX orders_placed_idx (placed_at);
    END IF;
END;

-- case: create-sequence
-- expect: additive
CREATE SEQUENCE ticket_seq START WITH 100 INCREMENT BY 10 MINVALUE 1 MAXVALUE 1000000 CACHE 20 NOCYCLE;
SELECT NEXTVAL(ticket_seq);

-- case: alter-sequence-restart
-- expect: additive
ALTER SEQUENCE invoice_number_seq RESTART WITH 5000;

-- case: drop-sequence
-- expect: staged
DROP SEQUENCE IF EXISTS invoice_number_seq;

-- case: create-event
-- expect: additive
CREATE EVENT IF NOT EXISTS purge_audit_log ON SCHEDULE EVERY 1 DAY
    DO DELETE FROM audit_log WHERE logged_at < NOW() - INTERVAL 1 YEAR;

-- ===== CREATE / DROP TABLE, TRUNCATE =====

-- case: create-table-every-constraint-kind
-- expect: additive
CREATE TABLE shipments (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id     BIGINT UNSIGNED NOT NULL,
    carrier      VARCHAR(40) NOT NULL CHECK (carrier <> ''),
    tracking_no  VARCHAR(64) NULL UNIQUE,
    weight_g     INT NULL,
    shipped_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    delivered_at DATETIME NULL,
    CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT shipments_weight_check CHECK (weight_g > 0),
    CONSTRAINT shipments_delivery_after_ship CHECK (delivered_at IS NULL OR delivered_at >= shipped_at),
    UNIQUE KEY shipments_carrier_tracking_key (carrier, tracking_no),
    KEY shipments_shipped_idx (shipped_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Parcels';

-- case: create-table-like
-- expect: additive
CREATE TABLE orders_archive LIKE orders;

-- case: create-table-as-select
-- expect: additive
CREATE TABLE order_stats AS
    SELECT user_id, COUNT(*) AS orders, SUM(total_cents) AS cents FROM orders GROUP BY user_id;

-- case: create-or-replace-table
-- expect: additive
CREATE OR REPLACE TABLE rate_limits (k VARCHAR(100) PRIMARY KEY, hits INT NOT NULL DEFAULT 0) ENGINE=InnoDB;

-- case: create-table-if-not-exists-existing
-- expect: additive
CREATE TABLE IF NOT EXISTS users (id INT);

-- case: create-temporary-table-and-use
-- expect: additive
CREATE TEMPORARY TABLE tmp_ids AS SELECT id FROM users WHERE status = 'deleted';
UPDATE users SET bio = 'account closed' WHERE id IN (SELECT id FROM tmp_ids) AND bio IS NULL;

-- case: create-table-odd-names
-- expect: additive
CREATE TABLE `odd;name` (`col``quote` TEXT, `semi;colon` INT) COMMENT 'a table named odd;name';

-- case: drop-table
-- expect: destructive
DROP TABLE audit_log;

-- case: drop-tables-if-exists
-- expect: destructive
DROP TABLE IF EXISTS post_tags, tags;

-- case: truncate
-- expect: destructive
TRUNCATE TABLE audit_log;

-- ===== DML =====

-- case: update-backfill-nulls
-- expect: additive
UPDATE users SET display_name = SUBSTRING_INDEX(email, '@', 1) WHERE display_name IS NULL;

-- case: update-overwrite
-- expect: destructive
UPDATE users SET login_count = 0;

-- case: update-with-join
-- expect: destructive
UPDATE orders o
JOIN (SELECT order_id, SUM(quantity * unit_cents) AS cents FROM order_items GROUP BY order_id) s ON s.order_id = o.id
SET o.total_cents = s.cents;

-- case: update-batched-with-limit
-- expect: additive
UPDATE orders SET note = 'no note' WHERE note IS NULL ORDER BY id LIMIT 5;

-- case: insert-select
-- expect: additive
INSERT INTO tags (name) SELECT DISTINCT CONCAT('country-', LOWER(country)) FROM users WHERE country IS NOT NULL;

-- case: insert-on-duplicate-key-update
-- expect: destructive
INSERT INTO `Legacy Settings` (`Key`, `Value`) VALUES ('site.theme', 'light'), ('site.logo', 'logo.png')
ON DUPLICATE KEY UPDATE `Value` = VALUES(`Value`);

-- case: insert-ignore
-- expect: additive
INSERT IGNORE INTO tags (name) VALUES ('history'), ('databases');

-- case: delete-where
-- expect: destructive
DELETE FROM audit_log WHERE logged_at < '2024-02-01';

-- case: delete-multi-table-join
-- expect: destructive
DELETE c FROM comments c JOIN users u ON u.id = c.user_id WHERE u.status = 'suspended';

-- case: string-escapes-and-hash-comments
-- expect: destructive
# a hash comment; with a semicolon
UPDATE `Legacy Settings` SET `Value` = 'it\'s; \"quoted\"\\' WHERE `Key` = 'feature.x'; # trailing; comment
/* block; comment */ UPDATE posts SET body = 'line one\nline two; ok' WHERE id = 1;

-- ===== MULTI-STATEMENT CHANGES, SESSION SETTINGS, MAINTENANCE =====

-- case: split-full-name
-- expect: destructive
ALTER TABLE users ADD COLUMN first_name VARCHAR(100) NULL AFTER full_name, ADD COLUMN last_name VARCHAR(100) NULL AFTER first_name;
UPDATE users
SET first_name = SUBSTRING_INDEX(full_name, ' ', 1),
    last_name  = NULLIF(TRIM(SUBSTRING(full_name, LOCATE(' ', full_name) + 1)), '')
WHERE full_name IS NOT NULL;
ALTER TABLE users DROP COLUMN full_name;

-- case: rename-via-add-and-backfill
-- expect: staged
ALTER TABLE orders ADD COLUMN amount_cents INT NULL, ALGORITHM=INSTANT;
CREATE TRIGGER orders_sync_amount_ins BEFORE INSERT ON orders FOR EACH ROW SET NEW.amount_cents = NEW.total_cents;
CREATE TRIGGER orders_sync_amount_upd BEFORE UPDATE ON orders FOR EACH ROW SET NEW.amount_cents = NEW.total_cents;
UPDATE orders SET amount_cents = total_cents WHERE amount_cents IS NULL;

-- case: lock-wait-timeout-before-ddl
-- expect: additive
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN gift_wrap TINYINT(1) NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: session-timeouts
-- expect: additive
SET SESSION lock_wait_timeout = 5, SESSION innodb_lock_wait_timeout = 5;
SET STATEMENT max_statement_time = 30 FOR ALTER TABLE users ADD INDEX users_login_idx (login_count);

-- case: transaction-dml
-- expect: destructive
START TRANSACTION;
DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE status = 'cancelled');
UPDATE orders SET note = 'items removed' WHERE status = 'cancelled';
COMMIT;

-- case: optimize-and-analyze
-- expect: additive
OPTIMIZE TABLE audit_log;
ANALYZE TABLE users PERSISTENT FOR ALL;
CHECK TABLE orders;
