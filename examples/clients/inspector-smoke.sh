#!/usr/bin/env bash
# The README's MCP Inspector CLI lines, run against the built jar: tools/list must list the five tools and one
# tools/call of inspect_repo on an example must succeed. CI runs this after `mvn -B verify` built the jar.
# Needs Node 20+ with npm (npx downloads the pinned Inspector once into npm's cache).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=target/persistence-layer-change-mcp.jar
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B -q -DskipTests package)"; exit 1; }
command -v npx >/dev/null 2>&1 || { echo "npx not found: install Node.js 20+ with npm"; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
inspector() { npx -y @modelcontextprotocol/inspector@2.12.0 --cli -e PLC_TELEMETRY_FILE="$out/telemetry.jsonl" "$@"; }
LAUNCH=(java -XX:SharedArchiveFile=target/persistence-layer-change-mcp.jsa -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
        -Xms64m -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr -jar "$JAR")

# the documented launch and the bare java -jar most client configs use
for launch in "documented" "bare"; do
  if [ "$launch" = documented ]; then cmd=("${LAUNCH[@]}"); else cmd=(java -jar "$JAR"); fi
  inspector "${cmd[@]}" --method tools/list > "$out/tools.json" 2> "$out/tools.err" \
    || { cat "$out/tools.err" "$out/tools.json"; echo "FAIL: tools/list ($launch launch)"; exit 1; }
  names=$(node -e 'const t=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).tools.map(x=>x.name).sort().join(",");console.log(t)' "$out/tools.json")
  if [ "$names" != "inspect_repo,log_telemetry,plan_change,run_checks,write_migration" ]; then
    cat "$out/tools.json"; echo "FAIL: tools/list ($launch launch) listed: $names"; exit 1
  fi
  echo "tools/list ($launch launch): $names"
done

inspector "${LAUNCH[@]}" --method tools/call --tool-name inspect_repo --tool-arg repo="$PWD/examples/h2-flyway-quickstart" \
  > "$out/inspect.json" 2> "$out/inspect.err" || { cat "$out/inspect.err" "$out/inspect.json"; echo "FAIL: tools/call inspect_repo"; exit 1; }
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const s = r.structuredContent || {};
if (r.isError || !(s.migration_frameworks || []).length || !(s.schema || {}).tables) { console.log(JSON.stringify(r).slice(0, 2000)); process.exit(1); }
console.log("tools/call inspect_repo: " + r.content[0].text.split(". ")[0]);
' "$out/inspect.json" || { echo "FAIL: inspect_repo result"; exit 1; }
echo "MCP Inspector 2.12.0 CLI: ok"
