package dev.plc.plan;

/** Which planner handles which operation: one explicit table, no reflection. */
final class Planners {

    private Planners() {
    }

    static void plan(Operation op, PlanContext ctx, PlanBuilder out) {
        switch (op.kind()) {
            case CREATE_TABLE -> TablePlanner.createTable(op, ctx, out);
            case DROP_TABLE -> TablePlanner.dropTable(op, ctx, out);
            case RENAME_TABLE -> TablePlanner.renameTable(op, ctx, out);
            case ADD_COLUMN -> ColumnPlanner.addColumn(op, ctx, out);
            case DROP_COLUMN -> ColumnPlanner.dropColumn(op, ctx, out);
            case RENAME_COLUMN -> ColumnPlanner.renameColumn(op, ctx, out);
            case ALTER_COLUMN_TYPE -> ColumnPlanner.alterType(op, ctx, out);
            case SET_NOT_NULL -> ColumnPlanner.setNotNull(op, ctx, out);
            case DROP_NOT_NULL -> ColumnPlanner.dropNotNull(op, ctx, out);
            case SET_DEFAULT -> ColumnPlanner.setDefault(op, ctx, out);
            case DROP_DEFAULT -> ColumnPlanner.dropDefault(op, ctx, out);
            case ADD_INDEX -> IndexPlanner.addIndex(op, ctx, out);
            case DROP_INDEX -> IndexPlanner.dropIndex(op, ctx, out);
            case ADD_UNIQUE -> IndexPlanner.addUnique(op, ctx, out);
            case ADD_FOREIGN_KEY -> ConstraintPlanner.addForeignKey(op, ctx, out);
            case DROP_FOREIGN_KEY -> ConstraintPlanner.dropForeignKey(op, ctx, out);
            case ADD_CHECK -> ConstraintPlanner.addCheck(op, ctx, out);
            case DROP_CONSTRAINT -> ConstraintPlanner.dropConstraint(op, ctx, out);
            case SQL -> throw new IllegalStateException("a statement as written is planned from its effect (StatementPlanner)");
        }
    }
}
