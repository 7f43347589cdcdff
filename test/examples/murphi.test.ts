/**
 * bench/murphi.ts must reproduce the reference .m files (Rumur's side of the benchmark runs
 * the generated text, so a drift would compare different models). Skipped where the shared
 * reference directory is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { murphi } from '../../bench/murphi.ts';

const REF = '/work/shared/reference/zr-wb-jc';

describe.skipIf(!existsSync(REF))('bench/murphi.ts', () => {
  for (const VARIANT of ['fixed', 'buggy'] as const) {
    it(`reproduces zr-wb-jc-${VARIANT}.m (NZR=4, NP=4)`, () => {
      expect(murphi({ NZR: 4, NP: 4, VARIANT })).toBe(readFileSync(`${REF}/zr-wb-jc-${VARIANT}.m`, 'utf8'));
    });
  }
});
