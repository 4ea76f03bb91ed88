ALTER TABLE posts ADD INDEX posts_published_at_idx (published_at), ALGORITHM=INPLACE, LOCK=NONE;
