ALTER TABLE posts DROP INDEX posts_published_at_idx;
