package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A name longer than the server keeps, in a DDL statement. PostgreSQL: NAMEDATALEN - 1 = 63 bytes, a longer name is
 * truncated with only a NOTICE ("Identifiers and Key Words"; checked on PostgreSQL 15). MySQL / MariaDB: 64
 * characters for tables, columns, indexes, constraints ("Schema Object Names"); longer fails (checked on MariaDB 10.11:
 * ERROR 1103 Incorrect table name).
 */
public final class IdentifierTooLong implements Rule {

    static final int POSTGRES_MAX_BYTES = 63;
    static final int MYSQL_MAX_CHARS = 64;

    @Override
    public String id() {
        return "identifier-too-long";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES_AND_MYSQL;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Identifier longer than 63 bytes (PostgreSQL truncates it) or 64 characters (MySQL / MariaDB refuse it)";
    }

    @Override
    public String explanation() {
        return "PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE: the table, column, "
                + "index or constraint exists under a name that differs from the one in the code and the migration, "
                + "two long names with the same first 63 bytes collide (\"already exists\", or a CREATE ... IF NOT "
                + "EXISTS that silently does nothing), and schema diff tools report a change that never ends. MySQL "
                + "and MariaDB allow 64 characters and fail the statement otherwise, so the migration breaks on "
                + "deploy. Keep names short: abbreviate, and name indexes and constraints yourself instead of letting "
                + "a generator join table and column names.";
    }

    @Override
    public String safeAlternative() {
        return "-- at most 63 bytes (PostgreSQL) / 64 characters (MySQL, MariaDB):\n"
                + "CREATE INDEX CONCURRENTLY order_items_order_product_idx ON order_items (order_id, product_id);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.kind().isDdl()) {
            return List.of();
        }
        boolean postgres = ctx.dialect() == Dialect.POSTGRESQL;
        Clause c = s.clause();
        Set<String> tooLong = new LinkedHashSet<>();
        for (int i = 0; i < c.size(); i++) {
            if (c.isName(i) && tooLong(c.word(i), postgres)) {
                tooLong.add(c.word(i));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String name : tooLong) {
            String shorter = "<a name of at most " + (postgres ? POSTGRES_MAX_BYTES + " bytes" : MYSQL_MAX_CHARS
                    + " characters") + ">";
            out.add(postgres
                    ? finding(s, ctx,
                    "Name " + name + " is " + name.getBytes(StandardCharsets.UTF_8).length + " bytes long: PostgreSQL "
                            + "silently truncates it to " + truncated(name) + ", so the object exists under a name the "
                            + "code does not use, and another name with the same first 63 bytes collides with it.",
                    "Use a name of at most 63 bytes in the migration and the code:\n    "
                            + s.text().replace(name, shorter) + ";")
                    : finding(s, ctx,
                    "Name " + name + " is " + name.codePointCount(0, name.length()) + " characters long: MySQL and "
                            + "MariaDB allow 64, so this statement fails on deploy.",
                    "Use a name of at most 64 characters:\n    " + s.text().replace(name, shorter) + ";"));
        }
        return out;
    }

    private static boolean tooLong(String name, boolean postgres) {
        return postgres ? name.getBytes(StandardCharsets.UTF_8).length > POSTGRES_MAX_BYTES
                : name.codePointCount(0, name.length()) > MYSQL_MAX_CHARS;
    }

    /** The first 63 bytes, cut at a character boundary as PostgreSQL does. */
    static String truncated(String name) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > POSTGRES_MAX_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
        }
        return out.toString();
    }
}
