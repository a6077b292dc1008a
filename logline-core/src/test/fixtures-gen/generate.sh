#!/bin/sh
# Regenerates src/test/resources/logger-formats/generated/ from the real logger libraries. Needs Debian's python3
# with python3-structlog, python3-loguru and python3-pythonjsonlogger (apt-get install -y ...), and node with npm
# (pino and bunyan are installed from package.json into a scratch folder outside the repository). CI does not run
# this: the generated lines are committed. See README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/logger-formats/generated"
mkdir -p "$out"

TZ=UTC /usr/bin/python3 "$here/python_loggers.py" "$out"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$here/package.json" "$here/node_loggers.js" "$scratch/"
(cd "$scratch" && npm install --no-audit --no-fund --silent >/dev/null 2>&1 && node node_loggers.js "$out")

echo "wrote:"
ls -l "$out"
