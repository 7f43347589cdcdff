// A vitest reporter that only counts: passed, failed and skipped tests, plus test files that
// failed to load (no tests ran in them: counted as failures), written as JSON to the file named
// by ZRCHECK_TEST_COUNTS. scripts/test.mjs reads it to print the line CI reads.
import { writeFileSync } from 'node:fs';

export default class CountReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let tests = 0;
      for (const t of m.children.allTests()) {
        tests++;
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
      if (tests === 0 && m.state() === 'failed') failed++;
    }
    failed += unhandledErrors.length;
    const out = process.env.ZRCHECK_TEST_COUNTS;
    if (out) writeFileSync(out, JSON.stringify({ passed, failed, skipped }));
  }
}
