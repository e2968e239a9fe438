import type { FullResult, Reporter, Suite, TestError } from '@playwright/test/reporter';

/**
 * Prints one plain line after the run, `N passed, N failed` (and
 * `, N skipped` when some were), for CI to parse. A flaky test (failed,
 * then passed on retry) counts as passed; errors outside any test (the
 * web server did not start, a spec did not compile) count as failures.
 */
class SummaryReporter implements Reporter {
  private suite?: Suite;
  private globalErrors = 0;

  onBegin(_config: unknown, suite: Suite) {
    this.suite = suite;
  }

  onError(_error: TestError) {
    this.globalErrors += 1;
  }

  onEnd(_result: FullResult) {
    let passed = 0;
    let failed = this.globalErrors;
    let skipped = 0;
    for (const test of this.suite?.allTests() ?? []) {
      switch (test.outcome()) {
        case 'expected':
        case 'flaky':
          passed += 1;
          break;
        case 'unexpected':
          failed += 1;
          break;
        case 'skipped':
          skipped += 1;
          break;
      }
    }
    const line = `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
  }

  printsToStdio() {
    return false;
  }
}

export default SummaryReporter;
