// Worker side of the zrcheck host (bin/zrcheck.js): registers tsx so the TypeScript sources
// load without a build step, then runs the command (src/cli/worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/worker.ts');
