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
# A skipped test is a failed promise: the whole suite (no arguments) must run every test.
# With arguments (a file or -t filter) the tests left out are skipped on purpose.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  if (skipped > 0 && process.argv[1] === "whole") {
    const names = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "pending" || a.status === "todo" || a.status === "skipped").map((a) => `${f.name}: ${a.fullName}`));
    console.error(`${skipped} test(s) skipped; the suite must run them all:\n  ${names.join("\n  ")}`);
    process.exit(1);
  }
' "$([ "$#" -eq 0 ] && echo whole || echo filtered)" || status=1
exit "$status"
