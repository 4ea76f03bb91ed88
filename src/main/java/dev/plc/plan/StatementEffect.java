package dev.plc.plan;

import dev.plc.sql.SqlStatement;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.Effect;
import java.util.List;

/**
 * What one statement of a change did when it ran, as written, on a copy of the repo's current schema.
 *
 * @param index        0-based position in the change
 * @param statement    the statement as the SQL reader split it
 * @param effects      what the catalog says it did
 * @param rowsAffected the update count of a DML statement, -1 for anything else
 * @param algorithm    MariaDB/MySQL: the strongest ALGORITHM/LOCK the server accepted for it ("INSTANT", "INPLACE, LOCK=NONE",
 *                     "INPLACE", "COPY"), null elsewhere or when it was not probed
 * @param before       the catalog just before it ran
 * @param after        the catalog just after it ran
 */
public record StatementEffect(int index, SqlStatement statement, List<Effect> effects, long rowsAffected, String algorithm,
                              Catalog before, Catalog after) {
}
