package com.example.library;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

public class BookQueries {

    private final JdbcTemplate jdbc;

    public BookQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> titlesBy(long authorId) {
        return jdbc.queryForList("SELECT title FROM books WHERE author_id = ? ORDER BY title", String.class, authorId);
    }

    public List<String> isbns() {
        return jdbc.queryForList("SELECT isbn FROM books WHERE isbn IS NOT NULL", String.class);
    }
}
