package dev.plc.plan;

import java.util.List;

/**
 * The plan's proof on seeded rows: the repo's schema was seeded, copied, the change as written run on copy A and the
 * plan's releases in order on copy B (with the old code's writes between releases), and the two compared.
 *
 * @param ok           true only when the proof ran and every difference (if any) was accepted by name
 * @param ran          false when the proof could not run (see {@code notRun}): never a pass
 * @param notRun       why it did not run, or null
 * @param rowsSeeded   rows counted in the seeded tables before the change
 * @param tables       the tables seeded and compared
 * @param schemaEqual  the catalogs of A and B are equal (generated names aside)
 * @param dataEqual    every row of A equals its row in B on A's columns (by primary key; as multisets without one)
 * @param differences  each difference, with the name that {@code accept_differences} takes
 * @param notes        how the comparison was made where it matters (tables compared as multisets, writes made)
 * @param durationMs   time the proof took
 */
public record Verification(boolean ok, boolean ran, String notRun, long rowsSeeded, List<String> tables, boolean schemaEqual,
                           boolean dataEqual, List<Difference> differences, List<String> notes, long durationMs) {

    /**
     * @param name     stable name to accept it by: {@code schema:<table>:<hash>} (or {@code schema:<hash>}), {@code data:<table>.<column>},
     *                 {@code rows:<table>}, {@code seed:<table>}, {@code step:<n>}, {@code write:<table>:<release>}
     * @param kind     schema, data, rows, seed, step or write
     * @param message  what differs, in words
     * @param accepted whether the caller accepted it (accept_differences)
     */
    public record Difference(String name, String kind, String message, boolean accepted) {
    }

    static Verification notRun(String why, long durationMs) {
        return new Verification(false, false, why, 0, List.of(), false, false, List.of(), List.of(), durationMs);
    }
}
