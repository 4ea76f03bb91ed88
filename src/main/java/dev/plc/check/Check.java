package dev.plc.check;

import dev.plc.db.ScratchDatabaseException;
import java.sql.SQLException;

/**
 * One check of {@code run_checks}. A check reads what it needs from the context (and may leave what it learnt there for
 * the checks after it); a database it could not make or that failed under it is thrown, and the runner reports the check
 * as an error: nothing that could not run ever reads as a pass.
 */
interface Check {

    /** The name callers use in {@code checks} and the report uses for the result. */
    String name();

    CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException, SQLException;
}
