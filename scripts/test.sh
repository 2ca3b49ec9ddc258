#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: provisioning (as root), npm packages,
# lint, type-check, the build, then unit, integration and e2e tests against real servers.
# `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
  step "provisioning Debian packages and the test account"
  bash scripts/provision.sh
else
  echo "not root: skipping provisioning; the integration tests need root and will say what is missing." >&2
fi

step "npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "lint"
npx eslint --max-warnings 0 .
step "type-check"
npx tsc -b
step "build"
npm run build --silent >/dev/null

step "tests"
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line that any reader of the log understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit "$status"
