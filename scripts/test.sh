#!/usr/bin/env bash
# Runs every test: lint (with the layer rules), type checks, unit/integration tests (Vitest),
# Python trainer tests, and end-to-end tests in Chromium. Prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
status=0
step() { echo; echo "== $1"; shift; "$@" || { echo "!! step failed: $*"; status=1; }; }

step "lint" npx eslint .
step "typecheck (main, tests)" npx tsc -p tsconfig.json --noEmit
if [[ -f renderer/tsconfig.json ]]; then step "typecheck (renderer)" npx tsc -p renderer/tsconfig.json --noEmit; fi
if [[ -f tests/unit/renderer/ui/tsconfig.json ]]; then step "typecheck (renderer component tests)" npx tsc -p tests/unit/renderer/ui/tsconfig.json --noEmit; fi
step "unit and integration tests" npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json
if compgen -G "tests/python/test_*.py" >/dev/null; then
  step "python trainer tests" /usr/bin/python3 tests/python/run.py
fi
if [[ -f playwright.config.ts ]]; then
  step "end-to-end tests (Chromium)" npx playwright test --reporter=list,json
fi
node scripts/test-summary.mjs || status=1
exit $status
