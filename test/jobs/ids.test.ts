/**
 * Job identity and model identity, without Redis: ids are a hash of (kind, payload, model
 * hash) over canonical JSON, so key order does not matter and any change does; a model ref is
 * the same on every checkout; the model source hash follows the model's imports.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canonicalJson, jobId } from '../../src/jobs/jobId.ts';
import { modelSourceHash, PROJECT_ROOT, refToPath, refToUrl, toModelRef } from '../../src/jobs/modelRef.ts';
import { handlerUrl, isJobKind, JOB_KINDS } from '../../src/jobs/registry.ts';
import { parseQueueUrl } from '../../src/jobs/redis/connection.ts';

describe('job ids', () => {
  test('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: 1, u: undefined })).toBe('{"a":1}');
  });

  test('the same job has one id whatever its key order; a changed payload, kind or model hash gets another', () => {
    const p = { profile: 'ext4-iomap', scenario: 'C1', assumptions: { x: '1', y: '2' } };
    const id = jobId('matrix-cell', p, 'sha256:aa');
    expect(id).toMatch(/^matrix-cell\.[0-9a-f]{24}$/);
    expect(jobId('matrix-cell', { assumptions: { y: '2', x: '1' }, scenario: 'C1', profile: 'ext4-iomap' }, 'sha256:aa')).toBe(id);
    expect(jobId('matrix-cell', { ...p, scenario: 'C3' }, 'sha256:aa')).not.toBe(id);
    expect(jobId('layout-batch', p, 'sha256:aa')).not.toBe(id);
    expect(jobId('matrix-cell', p, 'sha256:bb')).not.toBe(id);
  });

  test('every kind names a handler module of this checkout', () => {
    for (const k of Object.keys(JOB_KINDS)) {
      expect(isJobKind(k)).toBe(true);
      expect(handlerUrl(k as keyof typeof JOB_KINDS)).toMatch(/^file:.*\.ts$/);
    }
    expect(isJobKind('rm -rf')).toBe(false);
    expect(isJobKind('toString')).toBe(false);
  });
});

describe('model refs and source hashes', () => {
  test('a file in the project is named relative to its root; one outside keeps its absolute path', () => {
    const url = new URL('../../src/kernel/catalog.ts', import.meta.url).href;
    expect(toModelRef(url)).toBe('src/kernel/catalog.ts');
    expect(refToPath('src/kernel/catalog.ts')).toBe(join(PROJECT_ROOT, 'src/kernel/catalog.ts'));
    expect(refToUrl('src/kernel/catalog.ts')).toBe(url);
    expect(toModelRef('/elsewhere/model.ts')).toBe('/elsewhere/model.ts');
  });

  test('the prebuilt dist/ file of a source is named as the source, so workers running src/ or dist/ agree', () => {
    const built = new URL('../../dist/kernel/catalog.js', import.meta.url).href;
    expect(toModelRef(built)).toBe('src/kernel/catalog.ts');
    expect(toModelRef(join(PROJECT_ROOT, 'dist/examples/x.json'))).toBe('dist/examples/x.json');
  });

  test("the hash covers the module's own imports, not where the checkout is: same files, same hash; an imported file changed, another hash", async () => {
    const make = (n: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'zr-hash-'));
      writeFileSync(join(dir, 'helper.ts'), `export const N = ${n};\n`);
      writeFileSync(join(dir, 'model.ts'), "import { N } from './helper.ts';\nexport default N;\n");
      return dir;
    };
    const [a, b, c] = [make(2), make(2), make(3)];
    try {
      const h = await modelSourceHash(join(a, 'model.ts'));
      expect(h).toMatch(/^sha256:[0-9a-f]{32}$/);
      expect(await modelSourceHash(join(b, 'model.ts'))).toBe(h);
      expect(await modelSourceHash(join(c, 'model.ts'))).not.toBe(h);
      expect(await modelSourceHash('src/kernel/catalog.ts')).not.toBe(h);
    } finally {
      for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
    }
  });

  test('a missing model is an error, not a hash', async () => {
    await expect(modelSourceHash('/nonexistent/zrcheck-model.ts')).rejects.toThrow();
  });
});

describe('--queue addresses', () => {
  test('redis://HOST:PORT[/DB] is read; anything else is one line naming it', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 0 });
    expect(parseQueueUrl('redis://localhost/2')).toMatchObject({ host: 'localhost', port: 6379, db: 2 });
    expect(parseQueueUrl('http://x:1')).toMatch(/--queue needs redis:\/\/HOST:PORT, got 'http:\/\/x:1'/);
    expect(parseQueueUrl('nonsense')).toMatch(/--queue needs redis:\/\/HOST:PORT/);
  });
});
