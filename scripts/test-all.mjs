// `npm test`: type checks, unit + integration tests, the build, end-to-end tests in
// Chromium, and the conformance report. Ends with exactly one line `N passed, N failed`
// counting every test and check (the conformance report is a report, printed above it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
mkdirSync('test-results', { recursive: true });

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;
const step = (name, ok) => {
  console.log(`\n== ${name}: ${ok ? 'ok' : 'FAILED'}`);
  ok ? passed++ : failed++;
};
const vitest = (name, config, file) => {
  console.log(`\n== ${name}`);
  const status = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  if (!existsSync(file)) return step(`${name} (no report, exit ${status})`, false);
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load has no tests in the counts: count it as a failure.
  const broken = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed += broken.length;
  for (const f of broken) console.log(`failed to load: ${f.name}: ${f.message}`);
};

step('typecheck', run(process.execPath, ['scripts/typecheck.mjs']) === 0);
vitest('unit and integration tests', 'vitest.config.ts', 'test-results/unit.json');
const built = run('npm', ['run', '-s', 'build']) === 0;
step('build', built);
if (built) vitest('end-to-end tests (browser mode, Chromium)', 'vitest.e2e.config.ts', 'test-results/e2e.json');
console.log('\n== conformance report');
step('conformance runner', run('npm', ['run', '-s', 'conformance']) === 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
