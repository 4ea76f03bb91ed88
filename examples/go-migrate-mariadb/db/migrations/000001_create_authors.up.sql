CREATE TABLE authors (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    handle VARCHAR(64) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY authors_handle_uq (handle)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
