// Jest reporter that appends "<passed> <failed>" for the run to $TEST_SUMMARY_FILE, so .ci/run can
// print one plain "N passed, N failed" line over several Jest runs (CI does not read Jest's summary).
import { appendFileSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TEST_SUMMARY_FILE;
    if (!file) return;
    // A suite that fails to load has no failing test of its own: count it as one failure.
    const brokenSuites = results.testResults.filter((r) => r.testExecError && r.numFailingTests === 0).length;
    appendFileSync(file, `${results.numPassedTests} ${results.numFailedTests + brokenSuites}\n`);
  }
}
