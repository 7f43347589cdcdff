/**
 * Finding and driving a headless Chromium for the HTML report tests. Debian's `chromium`
 * package (apt-get install -y chromium) is what CI installs; `CHROMIUM` overrides the path.
 * Every run gets a fresh profile directory and the flags that keep Chromium off the network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_INSTALL = 'apt-get update && apt-get install -y chromium';

/** Path of a usable Chromium, or undefined (always undefined under ZRCHECK_NO_CHROMIUM=1). */
export function findChromium(): string | undefined {
  if (process.env['ZRCHECK_NO_CHROMIUM'] === '1') return undefined;
  const candidates = [process.env['CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((x): x is string => !!x);
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    const p = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
    return p === '' ? undefined : p;
  } catch {
    return undefined;
  }
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs Chromium on a local file with extra flags; returns stdout. */
export function runChromium(browser: string, file: string, extra: readonly string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'zrcheck-chromium-'));
  try {
    const r = spawnSync(browser, [...FLAGS, `--user-data-dir=${profile}`, ...extra, pathToFileURL(file).href], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr.slice(-500)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
