package dev.plc.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A 50-table schema read warm: prints the time (no assertion on it, the machine is shared) and proves two reads of the
 * same schema are equal and that the migration-tool table is filtered for comparisons only.
 */
class CatalogReadTimingTest {

    private static final int TABLES = 50;

    @Test
    void postgresReadsFiftyTablesAndReadsThemAlikeTwice() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            StringBuilder sql = new StringBuilder("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY);");
            for (int i = 0; i < TABLES; i++) {
                sql.append("CREATE TABLE t").append(i).append(" (id bigserial PRIMARY KEY, name varchar(100) NOT NULL, email text UNIQUE,")
                        .append(" amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0), created_at timestamptz DEFAULT now(), note text")
                        .append(i > 0 ? ", parent bigint REFERENCES t" + (i - 1) + " (id)" : "").append(");")
                        .append("CREATE INDEX ON t").append(i).append(" (lower(name));")
                        .append("COMMENT ON TABLE t").append(i).append(" IS 'table ").append(i).append("';");
            }
            st.execute(sql.toString());
            time("PostgreSQL", c, CatalogReader.of(Dialect.POSTGRESQL));
        }
    }

    @Test
    void mariadbReadsFiftyTablesAndReadsThemAlikeTwice() throws Exception {
        RealServers.require(Dialect.MARIADB);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.MARIADB, null);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY)");
            for (int i = 0; i < TABLES; i++) {
                st.execute("CREATE TABLE t" + i + " (id bigint AUTO_INCREMENT PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200) UNIQUE,"
                        + " amount decimal(10,2) DEFAULT 0 CHECK (amount >= 0), created_at timestamp NULL DEFAULT CURRENT_TIMESTAMP, note text,"
                        + " KEY (name)" + (i > 0 ? ", parent bigint, FOREIGN KEY (parent) REFERENCES t" + (i - 1) + " (id)" : "")
                        + ") COMMENT 'table " + i + "'");
            }
            time("MariaDB", c, CatalogReader.of(Dialect.MARIADB));
        }
    }

    private static void time(String engine, Connection c, CatalogReader reader) throws Exception {
        Catalog first = reader.read(c);
        long[] ms = new long[10];
        Catalog last = first;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            last = reader.read(c);
            ms[i] = (System.nanoTime() - t0) / 100_000; // tenths of a millisecond
        }
        Arrays.sort(ms);
        System.err.printf("catalog read, %s, %d tables: warm min %.1f ms, median %.1f ms%n", engine, TABLES, ms[0] / 10.0,
                ms[ms.length / 2] / 10.0);
        assertThat(last).isEqualTo(first);
        assertThat(CatalogDiff.diff(first, last)).isEmpty();
        assertThat(first.relations()).hasSize(TABLES + 1);
        Catalog compared = first.withoutToolTables();
        assertThat(compared.relations()).hasSize(TABLES);
        assertThat(compared.relation("flyway_schema_history")).isEmpty();
        assertThat(CatalogDiff.differences(first, compared)).isEmpty();
        assertThat(compared.relation("t3").orElseThrow().constraints()).extracting(Catalog.Constraint::kind)
                .contains("PRIMARY_KEY", "UNIQUE", "CHECK", "FOREIGN_KEY");
    }
}
