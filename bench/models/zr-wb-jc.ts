/**
 * Bench model: zr-wb-jc fixed, the original benchmark (examples/zr-wb-jc.ts), registered here
 * so `npm run bench` runs it like every other model. Its Murphi and Promela generators stay
 * where they were (bench/murphi.ts, bench/promela.ts, with their own tests); bench size (4,4),
 * --quick (3,3), matching Rumur's published counts in the README.
 */
import zrWbJc from '../../examples/zr-wb-jc.ts';
import { murphi } from '../murphi.ts';
import { promela } from '../promela.ts';
import type { BenchModel } from './types.ts';

export const zrWbJcBench: BenchModel = {
  name: 'zr-wb-jc',
  module: 'examples/zr-wb-jc.ts',
  make: zrWbJc,
  bench: { NZR: 4, NP: 4, VARIANT: 'fixed' },
  quick: { NZR: 3, NP: 3, VARIANT: 'fixed' },
  small: { NZR: 2, NP: 2, VARIANT: 'fixed' },
  murphi,
  promela,
};
