#!/usr/bin/env bash
# Installs the persistence-layer-change skill into a project without a terminal: the same files and link as
# `npx playbooks add skill .../skills/persistence-layer-change -a claude-code -a codex -y`, which needs an
# interactive terminal (its menu waits for a key even with -y).
#
#   bash skill/scripts/install-skill.sh [PROJECT_DIR] [--force]      (from a checkout; the same script is also in
#                                                                   skills/persistence-layer-change/skill/scripts/)
#
# PROJECT_DIR (default: the current directory) gets
#   .agents/skills/persistence-layer-change/   a copy of the skill folder (SKILL.md, skill/)   (Codex reads .agents/skills)
#   .claude/skills/persistence-layer-change    a symlink to it                                 (Claude Code)
# An existing install is left alone when it is identical, and refused when it differs (--force replaces it).
# Nothing else is written; the MCP server is not registered: the script prints the commands that do it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
skill_dir="$(cd "$here/../.." && pwd -P)"   # the folder holding SKILL.md
checkout=""
if [[ -f "$skill_dir/pom.xml" ]]; then
  # run from the checkout's own skill/scripts: install the skill folder, never the whole repository
  checkout="$skill_dir"
  skill_dir="$checkout/skills/persistence-layer-change"
elif [[ -f "$skill_dir/../../pom.xml" ]]; then
  checkout="$(cd "$skill_dir/../.." && pwd -P)"
fi
if [[ ! -f "$skill_dir/SKILL.md" ]]; then
  echo "install-skill.sh: no SKILL.md in $skill_dir; run the script from the skill folder it installs" >&2
  exit 2
fi
project="."
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install-skill.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    *) project="$arg" ;;
  esac
done
if [[ ! -d "$project" ]]; then
  echo "install-skill.sh: $project is not a directory" >&2
  exit 2
fi
project="$(cd "$project" && pwd -P)"
name=persistence-layer-change
target="$project/.agents/skills/$name"
link="$project/.claude/skills/$name"

if [[ -e "$target" ]]; then
  if diff -rq "$skill_dir" "$target" > /dev/null 2>&1; then
    echo "already installed: $target"
  elif [[ $force -eq 1 ]]; then
    rm -rf "$target"
  else
    echo "install-skill.sh: $target exists and differs from $skill_dir; --force replaces it" >&2
    exit 1
  fi
fi
if [[ ! -e "$target" ]]; then
  mkdir -p "$(dirname "$target")"
  tmp="$(mktemp -d "$(dirname "$target")/.$name.XXXXXX")"
  cp -R "$skill_dir/." "$tmp/"
  mv "$tmp" "$target"
  echo "installed: $target"
fi
mkdir -p "$(dirname "$link")"
if [[ -L "$link" || ! -e "$link" ]]; then
  ln -sfn "../../.agents/skills/$name" "$link"
  echo "linked: $link -> ../../.agents/skills/$name"
else
  echo "install-skill.sh: $link exists and is not a symlink; left alone" >&2
fi

jar="$checkout/target/persistence-layer-change-mcp.jar"
if [[ -n "$checkout" ]]; then
  echo
  echo "Register the MCP server (the skill does not):"
  echo "  claude mcp add -s project $name -- bash $checkout/skill/scripts/start-server.sh"
  echo "  codex mcp add $name -- bash $checkout/skill/scripts/start-server.sh"
  [[ -f "$jar" ]] || echo "  (the jar is built on first start; or now: mvn -B -q -DskipTests package in $checkout)"
fi
