/**
 * A matrix cell checked with partial-order reduction (`matrix --por`): the same verdicts and
 * trace files as without it (the kernel's reduction leaves these cells' state spaces whole),
 * and the cell is marked as checked with reduction.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/kernel/catalog.ts';
import { runCell } from '../../src/matrix/cell.ts';
import type { CellJob } from '../../src/matrix/types.ts';

describe('matrix cells with --por', () => {
  it('C6 on V3: same verdicts and files, marked por', () => {
    const job: CellJob = {
      profile: 'ext4-iomap',
      scenario: 'C6',
      variant: 'V3',
      assumptions: {},
      catalogUrl: 'x',
      properties: catalog.properties.map((p) => p.id),
      maxStates: 1_000_000,
    };
    const full = runCell(catalog, job);
    const por = runCell(catalog, { ...job, por: true });
    expect(full.kind).toBe('checked');
    expect(por.kind).toBe('checked');
    if (full.kind !== 'checked' || por.kind !== 'checked') return;
    expect(por.por).toBe(true);
    expect(full.por).toBeUndefined();
    expect(por.properties).toEqual(full.properties);
    expect(por.mechanisms).toEqual(full.mechanisms);
    expect(por.files.map((f) => f.path)).toEqual(full.files.map((f) => f.path));
  });
});
