#!/usr/bin/env node
// `npm run bench` shim: registers tsx so bench/main.ts (TypeScript) runs without a build step,
// exactly as bin/zrcheck.js does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
