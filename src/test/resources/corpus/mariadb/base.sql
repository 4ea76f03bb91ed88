-- The application schema every MariaDB corpus case applies on (a new database per case).
-- MariaDB 10.11, InnoDB, utf8mb4.

CREATE TABLE users (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    email        VARCHAR(255) NOT NULL,
    display_name VARCHAR(100) NULL,
    full_name    VARCHAR(200) NULL,
    status       ENUM('pending', 'active', 'suspended', 'deleted') NOT NULL DEFAULT 'pending',
    login_count  INT NOT NULL DEFAULT 0,
    preferences  JSON NULL,
    country      CHAR(2) NULL,
    bio          TEXT NULL,
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY users_email_key (email),
    KEY users_status_idx (status),
    CONSTRAINT users_login_count_nonneg CHECK (login_count >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='People who can sign in';

CREATE TABLE accounts (
    id         INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT UNSIGNED NOT NULL,
    name       VARCHAR(100) NOT NULL,
    balance    DECIMAL(12, 2) NOT NULL DEFAULT 0,
    plan       VARCHAR(20) NOT NULL DEFAULT 'free',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT accounts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE products (
    id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku         VARCHAR(32) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    price_cents INT NOT NULL,
    weight_g    INT NULL,
    active      TINYINT(1) NOT NULL DEFAULT 1,
    UNIQUE KEY products_sku_key (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT UNSIGNED NOT NULL,
    total_cents INT NOT NULL,
    currency    CHAR(3) NOT NULL DEFAULT 'EUR',
    status      VARCHAR(20) NOT NULL DEFAULT 'new',
    note        VARCHAR(500) NULL,
    placed_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    shipped_at  DATETIME NULL,
    KEY orders_user_id_idx (user_id),
    CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    CONSTRAINT orders_total_positive CHECK (total_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
    order_id   BIGINT UNSIGNED NOT NULL,
    line_no    SMALLINT NOT NULL,
    product_id INT NOT NULL,
    quantity   INT NOT NULL DEFAULT 1,
    unit_cents INT NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE posts (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    author_id  BIGINT UNSIGNED NOT NULL,
    title      VARCHAR(200) NOT NULL,
    slug       VARCHAR(200) NOT NULL,
    body       TEXT NOT NULL,
    published  TINYINT(1) NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY posts_slug_key (slug),
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE tags (
    id   INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    UNIQUE KEY tags_name_key (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE post_tags (
    post_id BIGINT UNSIGNED NOT NULL,
    tag_id  INT NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    KEY post_tags_tag_idx (tag_id),
    CONSTRAINT post_tags_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT post_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE comments (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    post_id    BIGINT UNSIGNED NOT NULL,
    user_id    BIGINT UNSIGNED NULL,
    body       TEXT NOT NULL,
    score      INT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY comments_post_idx (post_id),
    CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit_log (
    id         INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    table_name VARCHAR(64) NOT NULL,
    action     VARCHAR(16) NOT NULL,
    payload    JSON NULL,
    logged_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE page_views (
    user_id   BIGINT UNSIGNED NULL,
    path      VARCHAR(255) NOT NULL,
    referrer  VARCHAR(255) NULL,
    viewed_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE stores (
    id       INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name     VARCHAR(100) NOT NULL,
    location POINT NOT NULL,
    opened   DATE NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE events (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_id    BIGINT UNSIGNED NULL,
    kind       VARCHAR(32) NOT NULL,
    payload    TEXT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE COLUMNS (created_at) (
    PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION p2025 VALUES LESS THAN ('2026-01-01')
);

CREATE TABLE `Legacy Settings` (
    `Key`       VARCHAR(100) NOT NULL PRIMARY KEY,
    `Value`     VARCHAR(255) NULL,
    `UpdatedBy` BIGINT UNSIGNED NULL
) ENGINE=InnoDB DEFAULT CHARSET=latin1;

CREATE SEQUENCE invoice_number_seq START WITH 1000 INCREMENT BY 1;

CREATE VIEW active_users AS
    SELECT id, email, display_name, created_at FROM users WHERE status = 'active';

DELIMITER //
CREATE TRIGGER posts_slug_lower BEFORE INSERT ON posts FOR EACH ROW
BEGIN
    SET NEW.slug = LOWER(NEW.slug);
END//
DELIMITER ;

CREATE FUNCTION cents_to_units(c INT) RETURNS DECIMAL(12, 2) DETERMINISTIC
    RETURN c / 100;

-- seed data: about ten rows per table

INSERT INTO users (email, display_name, full_name, status, login_count, preferences, country, created_at) VALUES
    ('ada@example.com', 'ada', 'Ada Lovelace', 'active', 12, '{"theme": "dark"}', 'GB', '2024-01-05'),
    ('alan@example.com', 'alan', 'Alan Turing', 'active', 30, '{}', 'GB', '2024-01-07'),
    ('grace@example.com', 'grace', 'Grace Hopper', 'active', 7, '{"lang": "en"}', 'US', '2024-02-01'),
    ('edsger@example.com', NULL, 'Edsger Dijkstra', 'suspended', 0, '{}', 'NL', '2024-02-15'),
    ('barbara@example.com', 'barbara', 'Barbara Liskov', 'active', 3, '{}', 'US', '2024-03-01'),
    ('donald@example.com', 'don', 'Donald Knuth', 'pending', 0, NULL, 'US', '2024-03-10'),
    ('margaret@example.com', 'margaret', 'Margaret Hamilton', 'active', 5, '{"theme": "light"}', 'US', '2024-04-02'),
    ('linus@example.com', NULL, 'Linus Torvalds', 'active', 44, '{}', 'FI', '2024-05-20'),
    ('frances@example.com', 'fran', 'Frances Allen', 'deleted', 1, '{}', NULL, '2024-06-11'),
    ('ken@example.com', 'ken', NULL, 'pending', 0, '{}', 'US', '2024-07-01');

INSERT INTO accounts (user_id, name, balance, plan) VALUES
    (1, 'Ada personal', 120.50, 'pro'), (2, 'Alan lab', 0, 'free'), (3, 'Navy', 999.99, 'team'),
    (4, 'EWD', 10, 'free'), (5, 'CLU', 55, 'pro'), (6, 'TAOCP', 0, 'free'), (7, 'Apollo', 300, 'team'),
    (8, 'Kernel', 42, 'pro'), (9, 'PTRAN', 0, 'free'), (10, 'Unix', 7.25, 'free');

INSERT INTO products (sku, name, price_cents, weight_g, active) VALUES
    ('BK-001', 'The Art of Computer Programming', 19900, 3000, 1),
    ('BK-002', 'Structure and Interpretation', 4500, 900, 1),
    ('BK-003', 'A Discipline of Programming', 3900, 500, 1),
    ('HW-001', 'Difference Engine kit', 99900, 12000, 1),
    ('HW-002', 'Enigma replica', 25000, 4000, 0),
    ('SW-001', 'Compiler licence', 1500, NULL, 1),
    ('SW-002', 'Kernel support', 9900, NULL, 1),
    ('MG-001', 'Mug', 900, 350, 1),
    ('MG-002', 'Poster', 1200, 100, 1),
    ('MG-003', 'Sticker pack', 300, 20, 1);

INSERT INTO orders (user_id, total_cents, currency, status, note, placed_at, shipped_at) VALUES
    (1, 19900, 'EUR', 'shipped', NULL, '2024-02-01', '2024-02-03'),
    (1, 900, 'EUR', 'paid', 'gift', '2024-03-01', NULL),
    (2, 4500, 'GBP', 'shipped', NULL, '2024-03-05', '2024-03-09'),
    (3, 99900, 'USD', 'new', NULL, '2024-04-01', NULL),
    (3, 300, 'USD', 'cancelled', 'duplicate', '2024-04-02', NULL),
    (5, 3900, 'USD', 'paid', NULL, '2024-05-01', NULL),
    (7, 1200, 'USD', 'shipped', NULL, '2024-06-01', '2024-06-04'),
    (8, 9900, 'EUR', 'paid', NULL, '2024-06-15', NULL),
    (8, 1500, 'EUR', 'new', NULL, '2024-07-01', NULL),
    (10, 0, 'USD', 'new', 'free sample', '2024-07-02', NULL);

INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_cents) VALUES
    (1, 1, 1, 1, 19900), (2, 1, 8, 1, 900), (3, 1, 2, 1, 4500), (4, 1, 4, 1, 99900),
    (5, 1, 10, 1, 300), (6, 1, 3, 1, 3900), (7, 1, 9, 1, 1200), (8, 1, 7, 1, 9900),
    (9, 1, 6, 1, 1500), (10, 1, 10, 2, 0);

INSERT INTO posts (author_id, title, slug, body, published, created_at) VALUES
    (1, 'Notes on the Analytical Engine', 'analytical-engine', 'The engine weaves algebraic patterns.', 1, '2024-01-10'),
    (2, 'Computing Machinery', 'computing-machinery', 'Can machines think?', 1, '2024-01-20'),
    (3, 'Debugging', 'debugging', 'A moth in relay 70.', 1, '2024-02-10'),
    (4, 'Go To Considered Harmful', 'goto-harmful', 'The go to statement should be abolished.', 1, '2024-02-20'),
    (5, 'Substitution', 'substitution', 'Subtypes must be substitutable.', 0, '2024-03-05'),
    (6, 'Premature Optimisation', 'premature-optimisation', 'The root of all evil.', 1, '2024-03-15'),
    (7, 'Software Engineering', 'software-engineering', 'Apollo guidance lessons.', 1, '2024-04-05'),
    (8, 'Just for Fun', 'just-for-fun', 'A hobby kernel.', 0, '2024-05-25'),
    (9, 'Parallel Compilers', 'parallel-compilers', 'Program optimisation.', 1, '2024-06-12'),
    (10, 'Reflections on Trusting Trust', 'trusting-trust', 'You cannot trust code you did not create.', 1, '2024-07-02');

INSERT INTO tags (name) VALUES
    ('history'), ('theory'), ('debugging'), ('languages'), ('performance'),
    ('engineering'), ('kernel'), ('compilers'), ('security'), ('essay');

INSERT INTO post_tags (post_id, tag_id) VALUES
    (1, 1), (2, 2), (3, 3), (4, 4), (5, 4), (6, 5), (7, 6), (8, 7), (9, 8), (10, 9), (10, 10);

INSERT INTO comments (post_id, user_id, body, score) VALUES
    (1, 2, 'Brilliant foresight.', 5), (1, 3, 'Agreed.', 3), (2, 1, 'Yes they can.', 4),
    (3, 5, 'Classic.', NULL), (4, 6, 'Controversial!', -1), (4, 2, 'Structured is better.', 2),
    (6, 7, 'Measure first.', 5), (7, 3, 'Rigour matters.', 4), (9, 8, 'Fast.', NULL), (10, 1, 'Scary.', 5);

INSERT INTO audit_log (table_name, action, payload, logged_at) VALUES
    ('users', 'insert', '{"id": 1}', '2024-01-05'), ('users', 'insert', '{"id": 2}', '2024-01-07'),
    ('orders', 'insert', '{"id": 1}', '2024-02-01'), ('orders', 'update', '{"id": 1}', '2024-02-03'),
    ('posts', 'insert', '{"id": 1}', '2024-01-10'), ('posts', 'delete', NULL, '2024-01-11'),
    ('users', 'update', '{"id": 4}', '2024-02-16'), ('orders', 'insert', '{"id": 5}', '2024-04-02'),
    ('accounts', 'insert', '{"id": 3}', '2024-02-01'), ('users', 'delete', NULL, '2024-06-12');

INSERT INTO page_views (user_id, path, referrer, viewed_at) VALUES
    (1, '/', NULL, '2024-01-05 10:01'), (1, '/posts/analytical-engine', '/', '2024-01-10 12:00'),
    (2, '/', 'https://search.example', '2024-01-07 11:02'), (NULL, '/', NULL, '2024-02-01 00:00'),
    (3, '/posts/debugging', NULL, '2024-02-10 09:00'), (NULL, '/about', '/', '2024-02-11 09:00'),
    (5, '/posts/substitution', NULL, '2024-03-05 15:00'), (7, '/', NULL, '2024-04-05 16:00'),
    (8, '/posts/just-for-fun', '/', '2024-05-25 17:00'), (10, '/posts/trusting-trust', NULL, '2024-07-02 18:00');

INSERT INTO stores (name, location, opened) VALUES
    ('London', POINT(-0.12, 51.5), '2020-01-01'), ('Paris', POINT(2.35, 48.85), '2020-06-01'),
    ('Berlin', POINT(13.4, 52.5), NULL), ('Madrid', POINT(-3.7, 40.4), '2021-03-01'),
    ('Rome', POINT(12.5, 41.9), '2021-09-01'), ('Vienna', POINT(16.37, 48.2), NULL),
    ('Oslo', POINT(10.75, 59.9), '2022-01-01'), ('Lisbon', POINT(-9.14, 38.7), '2022-05-01'),
    ('Dublin', POINT(-6.26, 53.35), '2023-01-01'), ('Prague', POINT(14.42, 50.08), NULL);

INSERT INTO events (user_id, kind, payload, created_at) VALUES
    (1, 'login', '{}', '2024-01-05 10:00'), (2, 'login', '{}', '2024-01-07 11:00'),
    (1, 'purchase', '{"order": 1}', '2024-02-01 09:30'), (3, 'login', NULL, '2024-04-01 08:00'),
    (8, 'purchase', '{"order": 8}', '2024-06-15 12:00'), (2, 'logout', NULL, '2024-12-31 23:59'),
    (1, 'login', '{}', '2025-01-02 07:00'), (5, 'login', '{}', '2025-02-03 07:30'),
    (7, 'purchase', '{"order": 7}', '2025-03-04 18:00'), (10, 'login', NULL, '2025-05-05 05:05');

INSERT INTO `Legacy Settings` (`Key`, `Value`, `UpdatedBy`) VALUES
    ('site.name', 'Example', 1), ('site.theme', 'dark', 1), ('mail.from', 'noreply@example.com', 2),
    ('feature.x', 'on', NULL), ('feature.y', 'off', NULL), ('limits.upload', '10MB', 3),
    ('limits.rate', '100', 3), ('locale', 'en', 1), ('tz', 'UTC', 1), ('version', '3', NULL);
