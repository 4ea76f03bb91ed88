#!/usr/bin/env bash
# The whole workflow with the command line, on a temporary copy of examples/spring-flyway-postgres:
#   inspect -> plan -> write -> check -> telemetry log (+ summary)
# Run from anywhere after building the jar:
#   mvn -B -q -DskipTests package && bash examples/walkthrough.sh
# Needs Java 17. PostgreSQL: a local server (127.0.0.1:5432, PGUSER/PGPASSWORD) or, without one, the
# embedded PostgreSQL inside the jar. Nothing outside the temporary folder is written: the telemetry
# goes to $WORK/telemetry.jsonl (PLC_TELEMETRY_FILE).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="${PLC_JAR:-$ROOT/target/persistence-layer-change-mcp.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "The jar $JAR is missing: run 'mvn -B -q -DskipTests package' in $ROOT first." >&2
  exit 2
fi
CHANGE="${1:-ALTER TABLE orders ADD COLUMN gift_message text}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/plc-walkthrough.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
REPO="$WORK/repo"
cp -R "$ROOT/examples/spring-flyway-postgres" "$REPO"
# a git repository, so run_checks can tell new migrations from existing ones (immutability)
git -C "$REPO" init -q
git -C "$REPO" add -A
git -C "$REPO" -c user.name=walkthrough -c user.email=walkthrough@example.invalid commit -q -m "example as shipped"
export PLC_TELEMETRY_FILE="$WORK/telemetry.jsonl"

plc() { java -jar "$JAR" "$@"; }
step() { printf '\n==== %s\n$ %s\n' "$1" "$2"; }

step "1. inspect_repo: framework, dialect, data access, current schema" "plc inspect --repo \$REPO --quiet"
plc inspect --repo "$REPO" --quiet

step "2. plan_change: the rollout plan, release by release" "plc plan --repo \$REPO --sql \"$CHANGE\" --save plan.json"
set +e
plc plan --repo "$REPO" --sql "$CHANGE" --save "$WORK/plan.json"
plan_exit=$?
set -e
if [[ $plan_exit -ne 0 && $plan_exit -ne 1 ]]; then
  echo "plan failed (exit $plan_exit)" >&2
  exit "$plan_exit"
fi
plan_id="$(sed -n 's/^  "plan_id" : "\(.*\)",*$/\1/p' "$WORK/plan.json" | head -1)"
migration_type="$(sed -n 's/^  "migration_type" : "\(.*\)",*$/\1/p' "$WORK/plan.json" | head -1)"
echo "saved plan.json: plan_id=$plan_id migration_type=$migration_type (exit $plan_exit; 1 = destructive, needs approval)"
if [[ $plan_exit -eq 1 ]]; then
  echo "The plan is destructive: show it to the user and pass --approval TOKEN to write only with their consent." >&2
fi

step "3. write_migration: files in the repo's convention" "plc write --repo \$REPO --plan-file plan.json --json"
plc write --repo "$REPO" --plan-file "$WORK/plan.json" --json > "$WORK/write.json"
cat "$WORK/write.json"
mapfile -t written < <(sed -n 's/^ *"path" : "\(.*\)",*$/\1/p' "$WORK/write.json")
echo "written: ${written[*]}"

step "4. run_checks: apply from scratch, lint, round trip, expectation, the repo's own build (mvn -B verify)" "plc check --repo \$REPO --plan-file plan.json"
set +e
plc check --repo "$REPO" --plan-file "$WORK/plan.json" --quiet
check_exit=$?
set -e
outcome=success
[[ $check_exit -eq 0 ]] || outcome=partial

step "5. log_telemetry: one local JSON line" "plc telemetry log --repo \$REPO --migration-type $migration_type --outcome $outcome ..."
artifacts="$(IFS=,; echo "${written[*]}")"
plc telemetry log --repo "$REPO" --migration-type "$migration_type" --outcome "$outcome" \
  --artifacts-written "$artifacts" --plan-id "$plan_id" --notes "walkthrough: $CHANGE"

step "telemetry summary" "plc telemetry summary"
plc telemetry summary

printf '\nDone: checks exit %s, outcome %s. (The temporary copy %s is removed on exit.)\n' "$check_exit" "$outcome" "$WORK"
exit "$check_exit"
