--liquibase formatted sql

--changeset library:demo-authors context:dev
INSERT INTO authors (name) VALUES ('Demo Author');
--rollback DELETE FROM authors WHERE name = 'Demo Author';
