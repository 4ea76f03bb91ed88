--liquibase formatted sql

--changeset library:003-add-book-isbn
ALTER TABLE books ADD COLUMN isbn varchar(17);
--rollback ALTER TABLE books DROP COLUMN isbn;
