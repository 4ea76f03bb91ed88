package dev.plc.lint;

import dev.plc.lint.rule.Rule;
import dev.plc.lint.rules.AddingAutoIncrementColumn;
import dev.plc.lint.rules.AddingExclusionConstraint;
import dev.plc.lint.rules.AddingFieldWithDefault;
import dev.plc.lint.rules.AddingForeignKeyConstraint;
import dev.plc.lint.rules.AddingJsonColumn;
import dev.plc.lint.rules.AddingNotNullableField;
import dev.plc.lint.rules.AddingRequiredField;
import dev.plc.lint.rules.AddingSerialPrimaryKeyField;
import dev.plc.lint.rules.AddingStoredGeneratedColumn;
import dev.plc.lint.rules.AddingTrigger;
import dev.plc.lint.rules.ApprovalNoLongerHolds;
import dev.plc.lint.rules.BackfillInDdlMigration;
import dev.plc.lint.rules.BanAlterDomainWithAddConstraint;
import dev.plc.lint.rules.BanCharField;
import dev.plc.lint.rules.BanConcurrentIndexCreationInTransaction;
import dev.plc.lint.rules.BanCreateDomainWithConstraint;
import dev.plc.lint.rules.BanDropColumn;
import dev.plc.lint.rules.BanDropDatabase;
import dev.plc.lint.rules.BanDropNotNull;
import dev.plc.lint.rules.BanDropTable;
import dev.plc.lint.rules.BanEnumAddValueInTransaction;
import dev.plc.lint.rules.BanLockTable;
import dev.plc.lint.rules.BanTruncateCascade;
import dev.plc.lint.rules.BanTruncateTable;
import dev.plc.lint.rules.ChangingColumnType;
import dev.plc.lint.rules.ChangingTablePersistence;
import dev.plc.lint.rules.ChangingTablespace;
import dev.plc.lint.rules.ConstraintMissingNotValid;
import dev.plc.lint.rules.DisallowedUniqueConstraint;
import dev.plc.lint.rules.IdentifierTooLong;
import dev.plc.lint.rules.MysqlAddCheckConstraint;
import dev.plc.lint.rules.MysqlVolatileDefaultCopiesTable;
import dev.plc.lint.rules.MysqlAddForeignKey;
import dev.plc.lint.rules.MysqlColumnTypeChangeCopiesTable;
import dev.plc.lint.rules.MysqlDdlNotTransactional;
import dev.plc.lint.rules.MysqlLockTables;
import dev.plc.lint.rules.MysqlOptimizeTable;
import dev.plc.lint.rules.MysqlRequireOnlineDdl;
import dev.plc.lint.rules.PreferBigintOverInt;
import dev.plc.lint.rules.PreferBigintOverSmallint;
import dev.plc.lint.rules.PreferIdentity;
import dev.plc.lint.rules.PreferRepack;
import dev.plc.lint.rules.PreferRobustStmts;
import dev.plc.lint.rules.PreferTextField;
import dev.plc.lint.rules.PreferTimestamptz;
import dev.plc.lint.rules.RenamingColumn;
import dev.plc.lint.rules.RenamingEnumValue;
import dev.plc.lint.rules.RenamingSchema;
import dev.plc.lint.rules.RenamingTable;
import dev.plc.lint.rules.RequireConcurrentDetachPartition;
import dev.plc.lint.rules.RequireConcurrentIndexCreation;
import dev.plc.lint.rules.RequireConcurrentIndexDeletion;
import dev.plc.lint.rules.RequireConcurrentRefresh;
import dev.plc.lint.rules.RequireConcurrentReindex;
import dev.plc.lint.rules.RequireTimeoutSettings;
import dev.plc.lint.rules.SuppressionNeedsReason;
import dev.plc.lint.rules.TransactionNesting;
import dev.plc.lint.rules.UnclosedTransaction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The rule catalogue: an explicit list, in report order (no classpath scanning). */
public final class Rules {

    public static final String SUPPRESSION_NEEDS_REASON = SuppressionNeedsReason.ID;
    public static final String APPROVAL_NO_LONGER_HOLDS = ApprovalNoLongerHolds.ID;

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
            new MysqlVolatileDefaultCopiesTable(),
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

    /** Every rule's id. */
    public static Set<String> ids() {
        return IDS;
    }

    private static final Set<String> IDS = ALL.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
