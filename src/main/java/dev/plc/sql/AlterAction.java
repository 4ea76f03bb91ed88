package dev.plc.sql;

import java.util.Set;

/**
 * One comma-separated subcommand of an ALTER TABLE (also of ALTER INDEX, VIEW, MATERIALIZED VIEW,
 * FOREIGN TABLE, TYPE, DOMAIN and DATABASE, which share the form).
 *
 * @param action         the subcommand in upper-case words without its names and values:
 *                       "ADD COLUMN", "ALTER COLUMN SET NOT NULL", "DETACH PARTITION", "ENGINE", ...;
 *                       "OTHER" for one the reader does not know (its text is kept all the same)
 * @param column         the column it works on (the old name of a rename), folded like
 *                       {@link QualifiedName}; null when it names none
 * @param name           the constraint, index, partition, trigger, enum value or other object the
 *                       action names; null when none
 * @param newName        the new name of a RENAME ... TO or MySQL CHANGE old new; null otherwise
 * @param constraintType PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE for a constraint added
 *                       by the action (named or not, also MySQL ADD UNIQUE INDEX); null otherwise
 * @param flags          IF_EXISTS, IF_NOT_EXISTS, NOT_VALID, USING_INDEX, CONCURRENTLY, FINALIZE, CASCADE...
 * @param text           the action as written
 */
public record AlterAction(String action, String column, String name, String newName, String constraintType,
                          Set<Flag> flags, String text) {

    public AlterAction {
        flags = Set.copyOf(flags);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }
}
