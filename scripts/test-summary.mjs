// Adds up the test counts of every runner (Vitest JSON, Playwright JSON, Python unittest log) into the
// closing line "Tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = 'artifacts/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed += 1;
  console.log('test-summary: no Vitest results found');
}
const pw = 'artifacts/playwright.json';
if (existsSync(pw)) {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
}
const py = 'artifacts/python-tests.json';
if (existsSync(py)) {
  const s = JSON.parse(readFileSync(py, 'utf8'));
  passed += s.passed ?? 0;
  failed += s.failed ?? 0;
  skipped += s.skipped ?? 0;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
