package dev.plc.schema.catalog;

import java.util.Locale;

/** The kinds of effect {@link CatalogDiff} reports. Whether one loses data is decided here, once. */
public enum EffectKind {
    RELATION_CREATED(false), RELATION_DROPPED(true), RELATION_RENAMED(false), RELATION_OPTIONS_CHANGED(false),
    RELATION_COMMENT_CHANGED(false), VIEW_DEFINITION_CHANGED(false), PARTITION_ATTACHED(false), PARTITION_DETACHED(false),
    COLUMN_ADDED(false), COLUMN_DROPPED(true), COLUMN_RENAMED(false), COLUMN_TYPE_CHANGED(false),
    COLUMN_NOT_NULL_SET(false), COLUMN_NOT_NULL_DROPPED(false), COLUMN_DEFAULT_CHANGED(false),
    COLUMN_IDENTITY_CHANGED(false), COLUMN_GENERATED_CHANGED(false), COLUMN_COLLATION_CHANGED(false),
    COLUMN_COMMENT_CHANGED(false), COLUMN_EXTRA_CHANGED(false), COLUMN_MOVED(false),
    CONSTRAINT_ADDED(false), CONSTRAINT_DROPPED(false), CONSTRAINT_RENAMED(false), CONSTRAINT_VALIDATED(false),
    CONSTRAINT_CHANGED(false), CONSTRAINT_COMMENT_CHANGED(false),
    INDEX_CREATED(false), INDEX_DROPPED(false), INDEX_RENAMED(false), INDEX_CHANGED(false),
    TRIGGER_CREATED(false), TRIGGER_DROPPED(false), TRIGGER_RENAMED(false), TRIGGER_CHANGED(false),
    TYPE_CREATED(false), TYPE_DROPPED(false), TYPE_RENAMED(false), TYPE_CHANGED(false),
    ENUM_VALUE_ADDED(false), ENUM_VALUE_RENAMED(false), ENUM_VALUE_REMOVED(true),
    SEQUENCE_CREATED(false), SEQUENCE_DROPPED(false), SEQUENCE_RENAMED(false), SEQUENCE_CHANGED(false),
    ROUTINE_CREATED(false), ROUTINE_DROPPED(false), ROUTINE_CHANGED(false),
    SCHEMA_CREATED(false), SCHEMA_DROPPED(true), SCHEMA_RENAMED(false),
    EXTENSION_CREATED(false), EXTENSION_DROPPED(false), EXTENSION_CHANGED(false);

    private final boolean losesData;

    EffectKind(boolean losesData) {
        this.losesData = losesData;
    }

    /** Whether the effect by itself destroys stored rows or values (a dropped table or column, a removed enum label). */
    public boolean losesData() {
        return losesData;
    }

    /** "column renamed" for COLUMN_RENAMED. */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
