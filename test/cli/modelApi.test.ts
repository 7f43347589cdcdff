/**
 * A model is bundled against the model-author's API (src/explorer/api.ts) when that is all it
 * imports, so running it loads a fraction of the modules, and against the whole public entry
 * otherwise: a name only the entry has, a namespace import or a re-export. Either way the
 * values are the entry's own (one module instance for model and checker).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/explorer/api.ts';
import * as entry from '../../src/index.ts';
import { bundleModel } from '../../src/cli/bundleModel.ts';

const dir = mkdtempSync(join(tmpdir(), 'zrcheck-model-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

async function bundledImports(name: string, source: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, source);
  const b = await bundleModel(file);
  if (!b.ok) throw new Error(b.error);
  const code = readFileSync(fileURLToPath(b.url), 'utf8');
  b.cleanup();
  return [...code.matchAll(/from\s*"([^"]+)"|import\("([^"]+)"\)/g)].map((m) => (m[1] ?? m[2])!.replace(/^.*\/src\//, 'src/')).filter((u) => u.startsWith('src/'));
}

describe('the model-author API', () => {
  it('exports the public entry\'s very values', () => {
    for (const [name, value] of Object.entries(api)) expect((entry as Record<string, unknown>)[name], name).toBe(value);
  });

  it('a model importing only authoring names is bundled against it', async () => {
    expect(await bundledImports('a.ts', `import { defineLayout, defineModel, range } from 'zrcheck';\nexport default () => defineModel({ name: 'a', layout: defineLayout({ x: range(0, 1) }), rules: [] });\n`)).toEqual(['src/explorer/api.ts']);
    expect(await bundledImports('b.ts', `import { defineLayout, defineModel, range } from ${JSON.stringify(INDEX)};\nexport default () => defineModel({ name: 'b', layout: defineLayout({ x: range(0, 1) }), rules: [] });\n`)).toEqual(['src/explorer/api.ts']);
  });

  it('anything more, or a form that cannot be checked, gets the whole entry', async () => {
    expect(await bundledImports('c.ts', `import { defineLayout, traceText } from 'zrcheck';\nexport default { defineLayout, traceText };\n`)).toEqual(['src/index.ts']);
    expect(await bundledImports('d.ts', `import * as z from 'zrcheck';\nexport default z;\n`)).toEqual(['src/index.ts']);
    expect(await bundledImports('e.ts', `export * from 'zrcheck';\n`)).toEqual(['src/index.ts']);
  });
});
