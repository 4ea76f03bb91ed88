package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The backfill scripts on real rows: every row done, rows with a NULL source left alone, and re-running is harmless. */
class BackfillScriptTest {

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void backfillsEveryRowInKeyRangesTerminatesOnNullSourcesAndIsIdempotent(Dialect dialect) throws Exception {
        RealServers.require(dialect);
        Ddl ddl = new Ddl(dialect);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(dialect, null); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint primary key, note text, remark text)");
            // 2,500 rows with gaps in the keys; every 10th note is NULL
            StringBuilder insert = new StringBuilder("INSERT INTO orders (id, note) VALUES ");
            for (int i = 1; i <= 2500; i++) {
                insert.append(i > 1 ? "," : "").append('(').append(i * 3).append(", ").append(i % 10 == 0 ? "NULL" : "'n" + i + "'").append(')');
            }
            s.execute(insert.toString());
            String script = ddl.backfill("orders", List.of("id"), "bigint", "remark = note", "remark IS NULL AND note IS NOT NULL", 1000);
            for (int run = 0; run < 2; run++) {
                for (String statement : ddl.backfillStatements("orders", script)) {
                    s.execute(statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement);
                }
                assertThat(count(s, "SELECT count(*) FROM orders WHERE remark = note")).isEqualTo(2250);
                assertThat(count(s, "SELECT count(*) FROM orders WHERE remark IS NULL")).isEqualTo(250);
            }
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
