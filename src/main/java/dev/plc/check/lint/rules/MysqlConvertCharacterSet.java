package dev.plc.check.lint.rules;

import dev.plc.check.lint.Finding;
import dev.plc.check.lint.LintContext;
import dev.plc.check.lint.Rule;
import dev.plc.check.lint.Severity;
import dev.plc.db.Dialect;
import dev.plc.sql.AlterAction;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE ... CONVERT TO CHARACTER SET on an existing table. MySQL manual (Online DDL, "Converting a character
 * set": rebuilds the table, no concurrent DML); checked on MariaDB 10.11: INPLACE and LOCK=NONE are refused ("Cannot
 * change column type"), while DEFAULT CHARACTER SET alone runs with ALGORITHM=INSTANT.
 */
public final class MysqlConvertCharacterSet implements Rule {

    @Override
    public String id() {
        return "mysql-convert-character-set";
    }

    @Override
    public Set<Dialect> dialects() {
        return MYSQL_FAMILY;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER TABLE ... CONVERT TO CHARACTER SET on an existing table";
    }

    @Override
    public String explanation() {
        return "CONVERT TO CHARACTER SET changes the type of every text column, so the server copies the whole table "
                + "(ALGORITHM=COPY) and blocks writes until the copy is done; LOCK=NONE is refused. Converting can "
                + "also make a VARCHAR index too long (utf8mb4 needs 4 bytes a character) or change which values "
                + "compare equal under the new collation, which breaks unique keys. Changing only the table's "
                + "DEFAULT CHARACTER SET is instant and affects columns added later; convert existing columns with an "
                + "online schema change tool.";
    }

    @Override
    public String safeAlternative() {
        return "-- instant: new columns get utf8mb4\n"
                + "ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, ALGORITHM=INSTANT;\n"
                + "-- existing columns, online, outside the migration:\n"
                + "--   gh-ost --alter=\"CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci\" --table=orders --execute";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.ALTER || !"TABLE".equals(s.kind().object()) || s.kind().target() == null
                || ctx.isNewTable(s.kind().target().name())) {
            return List.of();
        }
        String table = s.tableName();
        List<Finding> out = new ArrayList<>();
        for (AlterAction a : s.kind().actions()) {
            if (!a.action().equals("CONVERT TO CHARACTER SET")) {
                continue;
            }
            String convert = a.text().replaceAll("\\s+", " ");
            String charset = convert.replaceFirst("(?i)^CONVERT\\s+TO\\s+(CHARACTER\\s+SET|CHARSET)\\s*=?\\s*", "");
            out.add(finding(s, ctx,
                    a.text().replaceAll("\\s+", " ") + " rewrites every text column of " + ctx.describe(table)
                            + ": MySQL copies the whole table (ALGORITHM=COPY, no LOCK=NONE) and writes to " + table
                            + " wait until the copy is done.",
                    "Change the default now (instant, for new columns) and convert the existing columns online:\n"
                            + "    ALTER TABLE " + table + " DEFAULT CHARACTER SET " + charset + ", ALGORITHM=INSTANT;\n"
                            + "    gh-ost --alter=\"" + convert + "\" --table=" + table + " --execute"));
        }
        return out;
    }
}
