package com.example.notes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

public final class NoteDao {

    private final Connection connection;

    public NoteDao(Connection connection) {
        this.connection = connection;
    }

    public List<String> pinnedNotes(int notebookId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT body FROM notes WHERE notebook_id = ? AND pinned = TRUE ORDER BY id")) {
            ps.setInt(1, notebookId);
            List<String> bodies = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
            return bodies;
        }
    }
}
