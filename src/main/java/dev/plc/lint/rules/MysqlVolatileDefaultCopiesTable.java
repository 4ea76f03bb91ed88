package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.ColumnDef;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MariaDB's adding-field-with-default: ADD COLUMN whose DEFAULT calls a function MariaDB evaluates for every row
 * cannot be instant. Measured on MariaDB 10.11 (ALTER ... ALGORITHM=INSTANT answers "Try ALGORITHM=COPY"): UUID(),
 * UUID_SHORT(), SYS_GUID(), SYSDATE(), UTC_TIMESTAMP(), RANDOM_BYTES(), NEXTVAL() / NEXT VALUE FOR, LASTVAL() /
 * PREVIOUS VALUE FOR, also inside a larger expression. NOW(), CURDATE(), UTC_DATE(), RAND() (one value for every
 * existing row), constants: instant. {@code MysqlVolatileDefaultsTest} re-measures the list on the real server.
 */
public final class MysqlVolatileDefaultCopiesTable implements Rule {

    /** Functions whose DEFAULT makes MariaDB copy the table (measured; see the class comment). */
    public static final Set<String> COPYING = Set.of("UUID", "UUID_SHORT", "SYS_GUID", "SYSDATE", "UTC_TIMESTAMP", "RANDOM_BYTES",
            "NEXTVAL", "LASTVAL");

    @Override
    public String id() {
        return "mysql-volatile-default-copies-table";
    }

    @Override
    public Set<Dialect> dialects() {
        return EnumSet.of(Dialect.MARIADB);
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "MariaDB ADD COLUMN with a per-row DEFAULT (UUID(), SYSDATE(), NEXTVAL(), ...): the table is copied";
    }

    @Override
    public String explanation() {
        return "MariaDB adds a column instantly (10.3+) only when its DEFAULT gives every existing row the same value. "
                + "A default that calls UUID(), UUID_SHORT(), SYS_GUID(), SYSDATE(), UTC_TIMESTAMP(), RANDOM_BYTES() or a "
                + "sequence (NEXTVAL, NEXT VALUE FOR, LASTVAL) needs a value per row, so ALGORITHM=INSTANT is refused and "
                + "the ALTER copies the whole table (ALGORITHM=COPY) while writes wait; with ALGORITHM=INSTANT written "
                + "out, the statement fails instead. NOW(), CURRENT_TIMESTAMP and constants stay instant.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN token CHAR(36) NULL, ALGORITHM=INSTANT;\n"
                + "ALTER TABLE users ALTER COLUMN token SET DEFAULT (UUID()), ALGORITHM=INSTANT;  -- new rows only\n"
                + "-- backfill existing rows in batches, in their own migration:\n"
                + "UPDATE users SET token = UUID() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String table = alter.table();
        for (AlterTable.Action a : alter.actions()) {
            ColumnDef d = a.definition();
            Clause value = a.addedDefault();
            Optional<String> function = value == null ? Optional.empty() : perRow(value);
            if (function.isEmpty()) {
                continue;
            }
            boolean instantAsked = "INSTANT".equals(alter.algorithm()) || "NOCOPY".equals(alter.algorithm()) || "INPLACE".equals(alter.algorithm());
            out.add(finding(s, ctx,
                    "Adding " + table + "." + a.column() + " with DEFAULT " + value.text() + " cannot be instant: " + function.get()
                            + " gives every existing row its own value, so "
                            + (instantAsked ? "MariaDB refuses ALGORITHM=" + alter.algorithm() + " and the migration fails"
                            : "MariaDB copies all of " + ctx.describe(table) + " (ALGORITHM=COPY) while writes wait") + ".",
                    "Add the column without the default, set the default for new rows, then backfill in batches in a separate migration:\n"
                            + "    ALTER TABLE " + table + " ADD COLUMN " + a.column() + " " + d.typeText() + " NULL, ALGORITHM=INSTANT;\n"
                            + "    ALTER TABLE " + table + " ALTER COLUMN " + a.column() + " SET DEFAULT " + parenthesized(value.text())
                            + ", ALGORITHM=INSTANT;\n"
                            + "    UPDATE " + table + " SET " + a.column() + " = " + value.text() + " WHERE id BETWEEN 1 AND 10000 AND "
                            + a.column() + " IS NULL;  -- repeat per batch"));
        }
        return out;
    }

    /** The first per-row function the default calls, as written ({@code NEXT VALUE FOR} included). */
    static Optional<String> perRow(Clause value) {
        for (int i = 0; i < value.size(); i++) {
            if (COPYING.contains(value.token(i)) && value.at(i + 1, "(") && !value.at(i - 1, ".")) {
                return Optional.of(value.word(i) + "()");
            }
            if (value.at(i, "NEXT|PREVIOUS", "VALUE", "FOR")) {
                return Optional.of(value.word(i).toUpperCase(java.util.Locale.ROOT) + " VALUE FOR");
            }
        }
        return Optional.empty();
    }

    private static String parenthesized(String expression) {
        String t = expression.strip();
        return t.startsWith("(") && t.endsWith(")") ? t : "(" + t + ")";
    }
}
