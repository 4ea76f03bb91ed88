#!/usr/bin/env bash
# Starts the persistence-layer-change MCP server (stdio), building the jar first if it is missing.
#
# Finds the repository checkout through, in order:
#   $PLC_JAR   an already built jar (used as is)
#   $PLC_HOME  the checkout (the folder with pom.xml)
#   this script's own location, when it runs inside the checkout (skill/scripts/ or
#              skills/persistence-layer-change/skill/scripts/)
# An installed skill (.agents/skills/persistence-layer-change/) has no checkout next to it: set PLC_HOME.
# Nothing but the server writes to stdout: it is the MCP channel. Build output goes to stderr.
# The launch is the README's: the class-data archive next to the jar (<jar>.jsa, written by mvn package; ignored
# when missing or stale) and JVM options for a fast start.
set -euo pipefail

JAR_NAME=persistence-layer-change-mcp.jar

launch() {
  local jar="$1"
  shift
  exec java "-XX:SharedArchiveFile=${jar%.jar}.jsa" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m \
    -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr -jar "$jar" "$@"
}

if [[ -n "${PLC_JAR:-}" ]]; then
  launch "$PLC_JAR" "$@"
fi

is_checkout() {
  [[ -f "$1/pom.xml" ]] && grep -q '<artifactId>persistence-layer-change</artifactId>' "$1/pom.xml"
}

home="${PLC_HOME:-}"
if [[ -z "$home" ]]; then
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
  while [[ "$dir" != "/" ]]; do
    if is_checkout "$dir"; then home="$dir"; break; fi
    dir="$(dirname "$dir")"
  done
fi
if [[ -z "$home" ]] || ! is_checkout "$home"; then
  echo "start-server.sh: cannot find the persistence-layer-change checkout." >&2
  echo "  Clone it (git clone https://github.com/<owner>/<repo>) and set PLC_HOME to the clone," >&2
  echo "  or set PLC_JAR to a built persistence-layer-change-mcp.jar." >&2
  exit 2
fi

jar="$home/target/$JAR_NAME"
if [[ ! -f "$jar" ]]; then
  echo "start-server.sh: building $jar (mvn -B -q -DskipTests package) ..." >&2
  (cd "$home" && mvn -B -q -DskipTests package) 1>&2
fi
launch "$jar" "$@"
