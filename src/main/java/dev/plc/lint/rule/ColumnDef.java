package dev.plc.lint.rule;

import dev.plc.sql.Clause;
import java.util.Set;

/**
 * A column definition read from CREATE TABLE, ADD COLUMN, MODIFY/CHANGE COLUMN or ALTER COLUMN ...
 * TYPE: the column's name, its type (as written) and the constraints that follow the type.
 */
public final class ColumnDef {

    private static final Set<String> TYPE_ENDS = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "REFERENCES",
            "UNIQUE", "CHECK", "CONSTRAINT", "GENERATED", "COLLATE", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT",
            "USING", "ON", "AS", "IDENTITY", "FIRST", "AFTER", "KEY", "INVISIBLE", "VISIBLE", "STORED", "VIRTUAL",
            "CHARSET", "ALGORITHM", "LOCK");

    private static final Set<String> SERIAL_TYPES = Set.of("SERIAL", "SERIAL2", "SERIAL4", "SERIAL8", "SMALLSERIAL",
            "BIGSERIAL");

    private final String name;
    private final Clause type;
    private final Clause constraints;

    private ColumnDef(String name, Clause type, Clause constraints) {
        this.name = name;
        this.type = type;
        this.constraints = constraints;
    }

    /** Reads the definition whose column name is at {@code nameIndex} of {@code c}. */
    public static ColumnDef parse(Clause c, int nameIndex) {
        int end = typeEnd(c, nameIndex + 1);
        return new ColumnDef(c.word(nameIndex), c.sub(nameIndex + 1, end), c.sub(end));
    }

    /** Only a type (ALTER COLUMN x TYPE &lt;type&gt; [USING ...]): no constraints. */
    static ColumnDef typeOnly(String name, Clause c, int typeIndex) {
        int end = typeEnd(c, typeIndex);
        return new ColumnDef(name, c.sub(typeIndex, end), c.sub(end, end));
    }

    private static int typeEnd(Clause c, int from) {
        int depth = 0;
        for (int i = from; i < c.size(); i++) {
            String t = c.token(i);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && i > from && !c.isString(i)
                    && (TYPE_ENDS.contains(t) || (t.equals("CHARACTER") && c.at(i + 1, "SET")))) {
                return i;
            }
        }
        return c.size();
    }

    public String name() {
        return name;
    }

    /** The type as written, e.g. {@code varchar(255)}. */
    public String typeText() {
        return type.text();
    }

    public Clause type() {
        return type;
    }

    /** The first word of the type, upper-cased: VARCHAR, CHARACTER, TIMESTAMP, INT, ... */
    public String typeName() {
        return type.token(0);
    }

    public Clause constraints() {
        return constraints;
    }

    public boolean notNull() {
        return constraints.contains("NOT", "NULL") || primaryKey();
    }

    public boolean primaryKey() {
        return constraints.contains("PRIMARY", "KEY");
    }

    public boolean references() {
        return constraints.contains("REFERENCES");
    }

    /** The DEFAULT expression, or null when there is none. */
    public Clause defaultValue() {
        int d = constraints.indexOfTopLevel(0, "DEFAULT");
        if (d < 0) {
            return null;
        }
        int end = d + 1;
        int depth = 0;
        for (; end < constraints.size(); end++) {
            String t = constraints.token(end);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && end > d + 1 && !constraints.isString(end)
                    && Set.of("NOT", "NULL", "PRIMARY", "REFERENCES", "UNIQUE", "CHECK", "CONSTRAINT", "COLLATE",
                    "COMMENT", "ON", "FIRST", "AFTER", "GENERATED").contains(t)) {
                break;
            }
        }
        return constraints.sub(d + 1, end);
    }

    /** GENERATED ALWAYS AS (...) STORED, or MySQL's AS (...) STORED. */
    public boolean generatedStored() {
        return (constraints.contains("GENERATED") || constraints.contains("AS")) && constraints.contains("STORED");
    }

    public boolean identity() {
        return constraints.contains("IDENTITY") || constraints.contains("GENERATED", "ALWAYS", "AS", "IDENTITY")
                || type.contains("IDENTITY");
    }

    public boolean autoIncrement() {
        return constraints.contains("AUTO_INCREMENT") || constraints.contains("AUTOINCREMENT");
    }

    public boolean serial() {
        return SERIAL_TYPES.contains(typeName());
    }

    /** Whether the database fills existing rows itself: serial, identity, auto-increment, generated. */
    public boolean filledByDatabase() {
        return serial() || identity() || autoIncrement() || constraints.contains("GENERATED")
                || generatedStored();
    }
}
