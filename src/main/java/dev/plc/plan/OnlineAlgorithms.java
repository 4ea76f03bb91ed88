package dev.plc.plan;

import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB/MySQL: every ALTER TABLE of a plan states the cheapest algorithm the server really runs it with, asked of the
 * server and not guessed. On a copy of the scratch database the steps run in order; each ALTER TABLE that names no
 * ALGORITHM or LOCK is tried with {@code ALGORITHM=INSTANT}, then {@code ALGORITHM=INPLACE, LOCK=NONE}, and the first the
 * server accepts is written into the step, so the migration fails fast instead of silently copying the table if
 * production cannot do the same. One that takes neither keeps its text (its copy is a hazard the plan reports).
 */
final class OnlineAlgorithms {

    private static final List<String> CLAUSES = List.of("ALGORITHM=INSTANT", "ALGORITHM=INPLACE, LOCK=NONE");

    private OnlineAlgorithms() {
    }

    static List<ChangePlan.Step> choose(ScratchDatabases scratch, ScratchDatabase db, List<ChangePlan.Step> steps)
            throws ScratchDatabaseException, SQLException {
        if (!db.dialect().isMysqlFamily() || steps.stream().flatMap(s -> s.sql().stream()).noneMatch(OnlineAlgorithms::asks)) {
            return steps;
        }
        List<ChangePlan.Step> out = new ArrayList<>();
        try (ScratchDatabase copy = scratch.copyOf(db); Connection c = copy.connect()) {
            c.setAutoCommit(true);
            for (ChangePlan.Step step : steps) {
                List<String> sql = new ArrayList<>();
                for (String statement : step.sql()) {
                    sql.add(run(c, statement));
                }
                out.add(new ChangePlan.Step(step.number(), step.phase(), step.release(), step.title(), List.copyOf(sql), step.transactional(),
                        step.appCode(), step.destructive(), step.operation()));
            }
        }
        return out;
    }

    /** Whether the statement is one ALTER TABLE that names no algorithm. */
    private static boolean asks(String statement) {
        List<SqlStatement> parsed = SqlScript.split(statement, dev.plc.db.Dialect.MARIADB);
        return parsed.size() == 1 && EffectProbe.probesAlgorithm(parsed.get(0));
    }

    /** Runs the statement on the copy, with the first algorithm clause it takes; returns the text the step gets. */
    private static String run(Connection c, String statement) throws SQLException {
        String body = EffectProbe.stripSemicolon(statement.strip());
        if (asks(statement)) {
            for (String clause : CLAUSES) {
                try (Statement s = c.createStatement()) {
                    s.execute(body + ", " + clause);
                    return body + ", " + clause + ";";
                } catch (SQLException e) {
                    // 0A000: not with this algorithm; anything else is the statement's own error, met again below
                    if (!"0A000".equals(e.getSQLState())) {
                        break;
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(body);
        } catch (SQLException e) {
            // the proof runs the steps again and reports where they fail: this pass only chooses clauses
        }
        return statement;
    }
}
