package dev.plc.lint.rule;

import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The column definitions a statement writes a type for: the columns of CREATE TABLE, ADD COLUMN,
 * MODIFY/CHANGE COLUMN and the new type of ALTER COLUMN ... TYPE. Used by the type rules
 * (prefer-bigint-over-int, prefer-text-field, ...).
 */
public final class ColumnDefs {

    private ColumnDefs() {
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
