#!/usr/bin/env node
// zrcheck CLI shim: registers tsx so the TypeScript sources (and users' .ts model modules)
// load without a build step, then hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
