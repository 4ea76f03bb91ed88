package dev.plc.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a check was {@link CheckStatus#NOT_APPLICABLE}: a closed list, so scripts can act on it without parsing text. */
public enum NotApplicableReason {
    /** roundtrip: the new migrations have no down/undo scripts. */
    NO_DOWN_SCRIPTS,
    /** immutability: the repo is not a git work tree (or git is missing), so there is no base to compare with. */
    NOT_A_GIT_REPOSITORY,
    /** expectation, compatibility: no plan_id/plan was given (compatibility: and no git to tell which migrations are new). */
    NO_PLAN_GIVEN,
    /** roundtrip, data_safety, compatibility: no migration is new or changed since the base. */
    NO_NEW_MIGRATIONS,
    /** expectation: the plan carries no expected schema. */
    PLAN_HAS_NO_EXPECTED_SCHEMA,
    /** expectation: the plan spans several releases; its expected schema is the state after all of them. */
    PLAN_SPANS_SEVERAL_RELEASES,
    /** compatibility: the data-access code holds no query to prepare. */
    NO_QUERIES_FOUND,
    /** validations: the repo declares no validation commands and none could be inferred. */
    NO_VALIDATIONS_DECLARED,
    /** validations: the repo's validations are all marked {@code "required": false}; they run when validations is named in checks. */
    NO_VALIDATIONS_REQUIRED,
    /** validations: the caller passed {@code validations: false} (CLI {@code --no-validations}). */
    SKIPPED_ON_REQUEST,
    /** A check this one builds on failed or errored (e.g. the migrations do not apply: see apply). */
    DEPENDS_ON_FAILED_CHECK,
    /** A check this one builds on was not asked for (e.g. expectation without apply). */
    DEPENDS_ON_CHECK_NOT_RUN,
    /** compatibility: only H2 standing in for the real dialect was available; preparing queries there proves nothing. */
    APPROXIMATION_ONLY,
    /** The repo's migration framework cannot be applied by this tool (e.g. migrations written in code). */
    UNSUPPORTED_FRAMEWORK;

    /** The JSON spelling, snake_case: no_down_scripts, ... */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
