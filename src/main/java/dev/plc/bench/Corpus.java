package dev.plc.bench;

import dev.plc.db.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A generated, deterministic corpus of Flyway migrations: tables, columns, indexes, foreign keys and some rows. */
final class Corpus {

    private Corpus() {
    }

    /** Writes {@code count} migrations V1..Vn into {@code dir} and returns the files in order. */
    static List<Path> write(Path dir, int count, Dialect dialect) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        int tables = 0;
        for (int i = 1; i <= count; i++) {
            String sql;
            switch (i % 5) {
                case 1 -> {
                    tables++;
                    sql = "CREATE TABLE t" + tables + " (\n    id bigint NOT NULL PRIMARY KEY,\n    name varchar(100) NOT NULL,\n"
                            + "    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n";
                }
                case 2 -> sql = "ALTER TABLE t" + tables + " ADD COLUMN note varchar(200);\nALTER TABLE t" + tables + " ADD COLUMN score int;\n";
                case 3 -> sql = "CREATE INDEX t" + tables + "_name_idx ON t" + tables + " (name);\n";
                case 4 -> sql = tables > 1
                        ? "ALTER TABLE t" + tables + " ADD COLUMN parent_id bigint;\nALTER TABLE t" + tables + " ADD CONSTRAINT t" + tables
                                + "_parent_fk FOREIGN KEY (parent_id) REFERENCES t" + (tables - 1) + " (id);\n"
                        : "ALTER TABLE t1 ADD COLUMN parent_id bigint;\n";
                default -> {
                    StringBuilder rows = new StringBuilder("INSERT INTO t" + tables + " (id, name) VALUES ");
                    for (int r = 1; r <= 20; r++) {
                        rows.append(r > 1 ? ", " : "").append('(').append(r).append(", 'row ").append(r).append("')");
                    }
                    sql = rows + ";\n";
                }
            }
            Path file = dir.resolve("V" + i + "__step_" + i + ".sql");
            Files.writeString(file, sql);
            files.add(file);
        }
        return files;
    }
}
