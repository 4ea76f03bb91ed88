package dev.plc.lint.rule;

import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column definitions a statement writes a type for: the columns of CREATE TABLE, ADD COLUMN,
 * MODIFY/CHANGE COLUMN and the new type of ALTER COLUMN ... TYPE. Used by the type rules
 * (prefer-bigint-over-int, prefer-text-field, ...).
 */
public final class ColumnDefs {

    private ColumnDefs() {
    }

    /**
     * Whether {@code d} is one of the columns a table-level list of the statement names, as {@code keyList} (group 1:
     * the comma-separated column names, e.g. {@code PRIMARY KEY (a, b)}) finds them; quotes and case do not matter.
     */
    public static boolean namedIn(Pattern keyList, ColumnDef d, SqlStatement s) {
        String name = d.name().replaceAll("[\"`]", "");
        Matcher keys = keyList.matcher(s.text());
        while (keys.find()) {
            for (String column : keys.group(1).split(",")) {
                if (column.strip().replaceAll("[\"`]", "").equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static List<ColumnDef> of(SqlStatement s) {
        List<ColumnDef> out = new ArrayList<>();
        if (s.isCreateTable()) {
            Clause c = s.clause();
            int name = s.tableNameIndex();
            int open = name < 0 ? -1 : c.indexOf(name, "(");
            if (open < 0 || c.at(name + c.qualifiedNameLength(name), "AS")) {
                return out;
            }
            for (Clause element : c.sub(open + 1, c.closingParen(open)).splitTopLevel()) {
                if (!element.startsWith("CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK|KEY|INDEX|EXCLUDE|LIKE|FULLTEXT|SPATIAL|PERIOD")) {
                    out.add(ColumnDef.parse(element, 0));
                }
            }
            return out;
        }
        AlterTable.of(s).ifPresent(alter -> {
            for (AlterTable.Action a : alter.actions()) {
                if (a.definition() != null) {
                    out.add(a.definition());
                }
            }
        });
        return out;
    }
}
