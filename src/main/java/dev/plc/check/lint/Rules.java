package dev.plc.check.lint;

import dev.plc.check.lint.rules.AddingAutoIncrementColumn;
import dev.plc.check.lint.rules.AddingExclusionConstraint;
import dev.plc.check.lint.rules.AddingFieldWithDefault;
import dev.plc.check.lint.rules.AddingForeignKeyConstraint;
import dev.plc.check.lint.rules.AddingJsonColumn;
import dev.plc.check.lint.rules.AddingNotNullableField;
import dev.plc.check.lint.rules.AddingRequiredField;
import dev.plc.check.lint.rules.AddingSerialPrimaryKeyField;
import dev.plc.check.lint.rules.AddingStoredGeneratedColumn;
import dev.plc.check.lint.rules.AddingTrigger;
import dev.plc.check.lint.rules.ApprovalNoLongerHolds;
import dev.plc.check.lint.rules.BackfillInDdlMigration;
import dev.plc.check.lint.rules.BanAlterDomainWithAddConstraint;
import dev.plc.check.lint.rules.BanCharField;
import dev.plc.check.lint.rules.BanConcurrentIndexCreationInTransaction;
import dev.plc.check.lint.rules.BanCreateDomainWithConstraint;
import dev.plc.check.lint.rules.BanDropColumn;
import dev.plc.check.lint.rules.BanDropDatabase;
import dev.plc.check.lint.rules.BanDropNotNull;
import dev.plc.check.lint.rules.BanDropTable;
import dev.plc.check.lint.rules.BanEnumAddValueInTransaction;
import dev.plc.check.lint.rules.BanLockTable;
import dev.plc.check.lint.rules.BanTruncateCascade;
import dev.plc.check.lint.rules.BanTruncateTable;
import dev.plc.check.lint.rules.ChangingColumnType;
import dev.plc.check.lint.rules.ChangingTablePersistence;
import dev.plc.check.lint.rules.ChangingTablespace;
import dev.plc.check.lint.rules.ConstraintMissingNotValid;
import dev.plc.check.lint.rules.DisallowedUniqueConstraint;
import dev.plc.check.lint.rules.IdentifierTooLong;
import dev.plc.check.lint.rules.MysqlAddCheckConstraint;
import dev.plc.check.lint.rules.MysqlAddForeignKey;
import dev.plc.check.lint.rules.MysqlColumnTypeChangeCopiesTable;
import dev.plc.check.lint.rules.MysqlDdlNotTransactional;
import dev.plc.check.lint.rules.MysqlLockTables;
import dev.plc.check.lint.rules.MysqlOptimizeTable;
import dev.plc.check.lint.rules.MysqlRequireOnlineDdl;
import dev.plc.check.lint.rules.PreferBigintOverInt;
import dev.plc.check.lint.rules.PreferBigintOverSmallint;
import dev.plc.check.lint.rules.PreferIdentity;
import dev.plc.check.lint.rules.PreferRepack;
import dev.plc.check.lint.rules.PreferRobustStmts;
import dev.plc.check.lint.rules.PreferTextField;
import dev.plc.check.lint.rules.PreferTimestamptz;
import dev.plc.check.lint.rules.RenamingColumn;
import dev.plc.check.lint.rules.RenamingEnumValue;
import dev.plc.check.lint.rules.RenamingSchema;
import dev.plc.check.lint.rules.RenamingTable;
import dev.plc.check.lint.rules.RequireConcurrentDetachPartition;
import dev.plc.check.lint.rules.RequireConcurrentIndexCreation;
import dev.plc.check.lint.rules.RequireConcurrentIndexDeletion;
import dev.plc.check.lint.rules.RequireConcurrentRefresh;
import dev.plc.check.lint.rules.RequireConcurrentReindex;
import dev.plc.check.lint.rules.RequireTimeoutSettings;
import dev.plc.check.lint.rules.SuppressionNeedsReason;
import dev.plc.check.lint.rules.TransactionNesting;
import dev.plc.check.lint.rules.UnclosedTransaction;
import java.util.List;
import java.util.Optional;

/** The rule catalogue: an explicit list, in report order (no classpath scanning). */
public final class Rules {

    public static final String SUPPRESSION_NEEDS_REASON = "suppression-needs-reason";
    public static final String APPROVAL_NO_LONGER_HOLDS = "approval-no-longer-holds";

    private static final List<Rule> ALL = List.of(
            // PostgreSQL: locks and rewrites
            new RequireConcurrentIndexCreation(),
            new RequireConcurrentIndexDeletion(),
            new RequireConcurrentReindex(),
            new RequireConcurrentDetachPartition(),
            new RequireConcurrentRefresh(),
            new BanConcurrentIndexCreationInTransaction(),
            new ConstraintMissingNotValid(),
            new AddingForeignKeyConstraint(),
            new DisallowedUniqueConstraint(),
            new AddingExclusionConstraint(),
            new AddingNotNullableField(),
            new AddingFieldWithDefault(),
            new ChangingColumnType(),
            new ChangingTablePersistence(),
            new ChangingTablespace(),
            new AddingSerialPrimaryKeyField(),
            new BanAlterDomainWithAddConstraint(),
            new BanCreateDomainWithConstraint(),
            new BanTruncateCascade(),
            new BanTruncateTable(),
            new PreferRepack(),
            new BanLockTable(),
            new AddingTrigger(),
            new BanEnumAddValueInTransaction(),
            new PreferRobustStmts(),
            // PostgreSQL: types
            new PreferBigintOverInt(),
            new PreferBigintOverSmallint(),
            new PreferIdentity(),
            new PreferTextField(),
            new PreferTimestamptz(),
            new BanCharField(),
            new AddingJsonColumn(),
            // PostgreSQL: breakage
            new RenamingEnumValue(),
            new RenamingSchema(),
            // every dialect: breakage and data loss
            new AddingRequiredField(),
            new AddingStoredGeneratedColumn(),
            new AddingAutoIncrementColumn(),
            new RenamingColumn(),
            new RenamingTable(),
            new IdentifierTooLong(),
            new BanDropColumn(),
            new BanDropTable(),
            new BanDropDatabase(),
            new BanDropNotNull(),
            new BackfillInDdlMigration(),
            new RequireTimeoutSettings(),
            new TransactionNesting(),
            new UnclosedTransaction(),
            // MySQL / MariaDB
            new MysqlRequireOnlineDdl(),
            new MysqlColumnTypeChangeCopiesTable(),
            new MysqlAddForeignKey(),
            new MysqlAddCheckConstraint(),
            new MysqlOptimizeTable(),
            new MysqlLockTables(),
            new MysqlDdlNotTransactional(),
            // the linter's own
            new SuppressionNeedsReason(),
            new ApprovalNoLongerHolds());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
