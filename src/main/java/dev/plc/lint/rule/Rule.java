package dev.plc.lint.rule;

import dev.plc.db.Dialect;
import dev.plc.sql.SqlStatement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One lint rule: a stable kebab-case id in squawk's vocabulary (ban-, require-, prefer-, adding-,
 * changing-, renaming-), the dialects it applies to, why the statement is unsafe and the safe SQL
 * pattern. {@link #check} returns findings whose messages name the real table and column.
 */
public interface Rule {

    Set<Dialect> POSTGRES = EnumSet.of(Dialect.POSTGRESQL);
    Set<Dialect> MYSQL_FAMILY = EnumSet.of(Dialect.MYSQL, Dialect.MARIADB);
    Set<Dialect> POSTGRES_AND_MYSQL = EnumSet.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB);
    Set<Dialect> ALL = EnumSet.allOf(Dialect.class);

    String id();

    Set<Dialect> dialects();

    Severity severity();

    /** One line: what the rule catches. */
    String summary();

    /** One paragraph: why it is unsafe (the lock, the rewrite, the breakage, the data loss). */
    String explanation();

    /** The safe SQL pattern. */
    String safeAlternative();

    List<Finding> check(SqlStatement statement, LintContext context);

    /**
     * Whether the rule is about data loss (a drop, a truncate): the hazard a plan's approval approves. Its findings in a
     * file whose {@code plc:approved} stamp still holds are reported as approved and do not fail.
     */
    default boolean dataLoss() {
        return false;
    }

    /** A finding of this rule at the statement's first line. */
    default Finding finding(SqlStatement statement, LintContext context, String message, String help) {
        return new Finding(id(), severity().id(), context.file(), statement.line(), message, help, false, null);
    }
}
