package store

import (
	"context"
	"database/sql"
	"time"
)

type Post struct {
	ID          int64
	AuthorID    int64
	Title       string
	PublishedAt *time.Time
}

type Posts struct {
	DB *sql.DB
}

func (s *Posts) Published(ctx context.Context, limit int) ([]Post, error) {
	rows, err := s.DB.QueryContext(ctx,
		"SELECT id, author_id, title, published_at FROM posts WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT ?",
		limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Post
	for rows.Next() {
		var p Post
		if err := rows.Scan(&p.ID, &p.AuthorID, &p.Title, &p.PublishedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
