package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * squawk: adding-not-nullable-field; strong_migrations: "Setting NOT NULL on an existing column".
 * PG12+: SET NOT NULL skips its scan when a valid CHECK (col IS NOT NULL) exists, so that pattern
 * earlier in the file satisfies the rule.
 */
public final class AddingNotNullableField implements Rule {

    @Override
    public String id() {
        return "adding-not-nullable-field";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER COLUMN ... SET NOT NULL on an existing table";
    }

    @Override
    public String explanation() {
        return "SET NOT NULL scans the whole table to prove there is no NULL while holding an ACCESS EXCLUSIVE "
                + "lock: every read and write of the table waits for the scan. Since PostgreSQL 12 the scan is "
                + "skipped when a valid CHECK (column IS NOT NULL) constraint exists, and that constraint can be "
                + "added NOT VALID and validated without blocking.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;  -- separate transaction\n"
                + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- PostgreSQL 12+: no scan\n"
                + "ALTER TABLE users DROP CONSTRAINT users_email_not_null;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (!a.setsNotNull()) {
                continue;
            }
            String table = alter.table();
            String column = a.column();
            if (ctx.serverAtLeast(12) && validatedNotNullCheck(table, column, ctx)) {
                continue;
            }
            String check = Sql.name(table, column, "not_null");
            String steps = "    ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column
                    + " IS NOT NULL) NOT VALID;\n    -- next migration (reads and writes continue):\n    ALTER TABLE "
                    + table + " VALIDATE CONSTRAINT " + check + ";\n";
            String help = ctx.serverAtLeast(12)
                    ? "Prove it with a CHECK constraint first; PostgreSQL 12+ then skips the scan:\n" + steps
                    + "    ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL;\n    ALTER TABLE "
                    + table + " DROP CONSTRAINT " + check + ";"
                    : "Before PostgreSQL 12 SET NOT NULL always scans; keep a validated CHECK constraint instead:\n"
                    + steps;
            out.add(finding(s, ctx,
                    "Setting NOT NULL on " + table + "." + column + " scans all of " + ctx.describe(table)
                            + " while holding an ACCESS EXCLUSIVE lock: reads and writes wait for the scan.",
                    help));
        }
        return out;
    }

    /**
     * A CHECK (column IS NOT NULL) added and validated earlier in the file or in the migrations linted before it (the
     * recipe's steps are separate migrations: ADD ... NOT VALID, VALIDATE, SET NOT NULL), or a constraint added by a
     * migration not seen here and validated earlier whose name mentions the column: the usual second step of the
     * recipe, {@code VALIDATE CONSTRAINT orders_status_not_null; ... SET NOT NULL}.
     */
    private static boolean validatedNotNullCheck(String table, String column, LintContext ctx) {
        String col = column.toUpperCase(Locale.ROOT);
        List<String> added = new ArrayList<>();
        List<SqlStatement> history = ctx.earlierAcrossMigrations();
        for (SqlStatement e : history) {
            AlterTable alter = AlterTable.of(e).orElse(null);
            if (alter != null && alter.table().equalsIgnoreCase(table)) {
                alter.actions().stream().filter(a -> a.kind() == AlterTable.Kind.ADD_CONSTRAINT && a.name() != null)
                        .forEach(a -> added.add(a.name().toLowerCase(Locale.ROOT)));
            }
        }
        String bare = column.replaceAll("[\"`]", "").toLowerCase(Locale.ROOT);
        List<String> checks = new ArrayList<>();
        for (SqlStatement e : history) {
            AlterTable alter = AlterTable.of(e).orElse(null);
            if (alter == null || !alter.table().equalsIgnoreCase(table)) {
                continue;
            }
            for (AlterTable.Action a : alter.actions()) {
                if (a.kind() == AlterTable.Kind.ADD_CONSTRAINT && "CHECK".equals(a.constraintType())
                        && a.name() != null && a.clause().contains(col, "IS", "NOT", "NULL")) {
                    checks.add(a.name().toLowerCase(Locale.ROOT));
                }
                if (a.kind() == AlterTable.Kind.VALIDATE_CONSTRAINT && a.name() != null) {
                    String name = a.name().toLowerCase(Locale.ROOT);
                    if (checks.contains(name) || (!added.contains(name) && name.replaceAll("[\"`]", "").contains(bare))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
