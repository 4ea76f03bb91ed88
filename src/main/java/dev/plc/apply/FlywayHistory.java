package dev.plc.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Flyway's history table and session handling for one dialect, as Flyway 13.12 does it. */
abstract class FlywayHistory {
    final Connection c;
    /** Database.getInstalledBy: the user the migrations connected as, read before any migration runs. */
    String installedBy;

    FlywayHistory(Connection c) {
        this.c = c;
    }

    abstract boolean schemaIsEmpty() throws SQLException;

    abstract boolean ddlTransactions();

    /** What Flyway does to the migration connection before the first migration. */
    abstract void prepareSession() throws SQLException;

    /** What Flyway does to the migration connection before each migration (after the first). */
    abstract void restoreSession() throws SQLException;

    abstract void create() throws SQLException;

    /** {@code INSERT INTO <history> (<columns>)}, without the VALUES. */
    abstract String insert();


    final String string(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    final void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static final class Postgres extends FlywayHistory {
        private String originalRole;
        private String searchPath;

        Postgres(Connection c) {
            super(c);
        }

        @Override
        boolean schemaIsEmpty() throws SQLException {
            // Flyway refuses a non-empty schema without a history table, and reads an existing history: both are
            // Flyway's to handle
            return "t".equals(string("SELECT NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = current_schema()::regnamespace)"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = current_schema()::regnamespace)"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = current_schema()::regnamespace)"));
        }

        @Override
        boolean ddlTransactions() {
            return true;
        }

        @Override
        void prepareSession() throws SQLException {
            originalRole = string("SELECT current_user");
            installedBy = originalRole;
            String schema = string("SELECT current_schema");
            String original = string("SHOW search_path");
            // PostgreSQLConnection.changeCurrentSchemaTo: the default schema goes first in the search_path
            if (schema == null || schema.equals(original) || original.startsWith(schema + ",")) {
                searchPath = null;
            } else {
                searchPath = "\"" + schema + "\"," + original;
                setSearchPath();
            }
        }

        private void setSearchPath() throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                s.setString(1, searchPath);
                s.execute();
            }
        }

        @Override
        void restoreSession() throws SQLException {
            execute("SET ROLE '" + originalRole.replace("'", "''") + "'");
            if (searchPath != null) {
                setSearchPath();
            }
        }

        @Override
        void create() throws SQLException {
            // PostgreSQLDatabase.getRawCreateScript(table, false) of Flyway 13.12
            execute("CREATE TABLE \"flyway_schema_history\" (\n"
                    + "    \"installed_rank\" INT NOT NULL,\n"
                    + "    \"version\" VARCHAR(50),\n"
                    + "    \"description\" VARCHAR(200) NOT NULL,\n"
                    + "    \"type\" VARCHAR(20) NOT NULL,\n"
                    + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                    + "    \"checksum\" INTEGER,\n"
                    + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                    + "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                    + "    \"execution_time\" INTEGER NOT NULL,\n"
                    + "    \"success\" BOOLEAN NOT NULL\n"
                    + ");\n"
                    + "ALTER TABLE \"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\");\n"
                    + "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\");");
        }

        @Override
        String insert() {
            return "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", "
                    + "\"checksum\", \"installed_by\", \"execution_time\", \"success\")";
        }

    }

    static final class Mysql extends FlywayHistory {
        private int foreignKeyChecks;
        private int sqlSafeUpdates;
        private String userVariables;

        Mysql(Connection c) {
            super(c);
        }

        @Override
        boolean schemaIsEmpty() throws SQLException {
            return "1".equals(string("SELECT DATABASE() IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE())"
                    + " AND NOT EXISTS (SELECT 1 FROM information_schema.routines WHERE routine_schema = DATABASE())"
                    + " AND NOT EXISTS (SELECT 1 FROM information_schema.events WHERE event_schema = DATABASE())"));
        }

        @Override
        boolean ddlTransactions() {
            return false;
        }

        @Override
        void prepareSession() throws SQLException {
            installedBy = string("SELECT SUBSTRING_INDEX(USER(),'@',1)");
            foreignKeyChecks = Integer.parseInt(string("SELECT @@foreign_key_checks"));
            sqlSafeUpdates = Integer.parseInt(string("SELECT @@sql_safe_updates"));
            String product = c.getMetaData().getDatabaseProductVersion();
            String query = "SELECT variable_name FROM " + (product.toLowerCase(Locale.ROOT).contains("mariadb")
                    ? "information_schema.USER_VARIABLES" : "performance_schema.user_variables_by_thread") + " WHERE variable_value IS NOT NULL";
            try {
                string(query);
                userVariables = query;
            } catch (SQLException e) {
                userVariables = null; // MySQLConnection: no user variable reset without that table
            }
        }

        @Override
        void restoreSession() throws SQLException {
            // MySQLConnection.doRestoreOriginalState: user variables to NULL, then the two settings
            if (userVariables != null) {
                List<String> names = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(userVariables)) {
                    while (rs.next()) {
                        names.add("@" + rs.getString(1) + "=NULL");
                    }
                }
                if (!names.isEmpty()) {
                    execute("SET " + String.join(",", names));
                }
            }
            execute("SET foreign_key_checks=" + foreignKeyChecks + ", sql_safe_updates=" + sqlSafeUpdates);
        }

        @Override
        void create() throws SQLException {
            // MySQLDatabase.getRawCreateScript(table, false) of Flyway 13.12
            execute("CREATE TABLE `flyway_schema_history` (\n"
                    + "    `installed_rank` INT NOT NULL,\n"
                    + "    `version` VARCHAR(50),\n"
                    + "    `description` VARCHAR(200) NOT NULL,\n"
                    + "    `type` VARCHAR(20) NOT NULL,\n"
                    + "    `script` VARCHAR(1000) NOT NULL,\n"
                    + "    `checksum` INT,\n"
                    + "    `installed_by` VARCHAR(100) NOT NULL,\n"
                    + "    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "    `execution_time` INT NOT NULL,\n"
                    + "    `success` BOOL NOT NULL,\n"
                    + "    CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)\n"
                    + ")");
            execute("CREATE INDEX `flyway_schema_history_s_idx` ON `flyway_schema_history` (`success`)");
        }

        @Override
        String insert() {
            return "INSERT INTO `flyway_schema_history` (`installed_rank`, `version`, `description`, `type`, `script`, "
                    + "`checksum`, `installed_by`, `execution_time`, `success`)";
        }

    }
}
