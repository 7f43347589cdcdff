import { describe, expect, it } from 'vitest';
import { assembleMatrix } from '../../src/report/matrixAssemble.ts';
import { checkClaims, renderClaims } from '../../src/report/claims.ts';
import { CLAIMS } from '../../src/report/claimsData.ts';
import type { Catalog } from '../../src/report/matrixCatalog.ts';
import type { CellResult, PropertyCell } from '../../src/report/matrixTypes.ts';
import { lookupExpectation } from '../../src/properties/expectations.ts';

const PROPS = ['D1', 'D1-literal', 'D1-next', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'];
const catalog: Catalog = {
  versions: ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'ext4-outside'].map((id) => ({ id })),
  scenarios: ['C1', 'C3', 'C4', 'C5', 'C6', 'EOF'].map((id) => ({ id })),
  assumptions: [{ id: 'fill-flag', values: ['always', 'if-found'], default: 'always' }],
  properties: PROPS.map((id) => ({ id })),
  build: () => ({ ok: false, error: 'not used' }),
};

const violated = (scenario: string, variant: string, p: string): PropertyCell => ({
  status: 'violated',
  kind: p === 'D2' ? 'deadlock' : 'invariant',
  traceLength: 7,
  traceFile: `${scenario}/${variant}/${p}/trace.md`,
  waitFor: 'Z -> W -> C -> Z',
  lockdepInvisible: 1,
});

/** A result where the listed properties are violated and every other one holds. */
function cell(scenario: string, variant: string, bad: readonly string[], assumptions: Record<string, string> = {}): CellResult {
  const properties: Record<string, PropertyCell> = {};
  for (const p of PROPS) properties[p] = bad.includes(p) ? violated(scenario, variant, p) : { status: 'holds' };
  return {
    scenario,
    variant,
    assumptions,
    ms: 1,
    outcome: { kind: 'checked', properties, states: 10, transitions: 20, depth: 5, collisionProbability: 0, verdict: bad.length ? 'violated' : 'holds', files: [] },
  };
}

describe('claims of the thread against matrix verdicts', () => {
  it('a claim holds when every deciding cell gives the implied verdict, and links the trace', () => {
    const data = assembleMatrix(catalog, [cell('C5', 'V2', ['D1', 'D2'])], lookupExpectation);
    const t1 = checkClaims(data).find((c) => c.claim.id === 'T1')!;
    expect(t1.status).toBe('held');
    const md = renderClaims(data);
    expect(md).toContain('most calls to ext4_block_zero_page_range() occur under an active journal handle');
    expect(md).toContain('[violated (7 steps)](C5/V2/D2/trace.md): Z -> W -> C -> Z');
    expect(md).toMatch(/\| \[T1\]\(#t1\) \| Zhang Yi, 2025-07-18 \| held \|/);
  });

  it('is refuted when every deciding cell disagrees, partly held when some do', () => {
    const refuted = assembleMatrix(catalog, [cell('C5', 'V2', [])], lookupExpectation);
    expect(checkClaims(refuted).find((c) => c.claim.id === 'T1')!.status).toBe('refuted');
    const partly = assembleMatrix(catalog, [cell('C5', 'V2', ['D1'])], lookupExpectation);
    expect(checkClaims(partly).find((c) => c.claim.id === 'T1')!.status).toBe('partly held');
  });

  it('is "not checked" when its cells were not run', () => {
    const data = assembleMatrix(catalog, [cell('C1', 'V1c', ['D1', 'D2'])], lookupExpectation);
    expect(checkClaims(data).find((c) => c.claim.id === 'T1')!.status).toBe('not checked');
  });

  it('reads an assumption cell from its own row, or from the default row when that setting changed nothing', () => {
    // Zhang's C4 race (T9): the deadlock needs the if-found fill semantics.
    const withRow = assembleMatrix(
      catalog,
      [cell('C4', 'V2', []), cell('C4', 'V3', []), cell('C4', 'V2', ['D1', 'D2'], { 'fill-flag': 'if-found' }), cell('C4', 'V3', ['D1', 'D2'], { 'fill-flag': 'if-found' })],
      lookupExpectation,
    );
    const t9 = checkClaims(withRow).find((c) => c.claim.id === 'T9')!;
    expect(t9.status).toBe('partly held');
    expect(t9.rows.filter((r) => r.agrees === true).map((r) => `${r.check.variant}/${r.check.property}`)).toEqual(['V2/D2', 'V3/D2']);
    const t10 = checkClaims(withRow).find((c) => c.claim.id === 'T10')!;
    expect(t10.status).toBe('held');

    const noChange = assembleMatrix(catalog, [cell('C4', 'V2', []), cell('C4', 'V2', [], { 'fill-flag': 'if-found' })], lookupExpectation);
    expect(noChange.rows).toHaveLength(1);
    const t10b = checkClaims(noChange).find((c) => c.claim.id === 'T10')!;
    const ifFound = t10b.rows.find((r) => r.check.assumptions !== undefined)!;
    expect(ifFound.found?.status).toBe('holds');
    expect(ifFound.agrees).toBe(false);
  });

  it('lists findings the thread did not state: invisible edges, C6, assumption effects, mismatches', () => {
    const data = assembleMatrix(
      catalog,
      [cell('C6', 'V4', ['D1-next', 'D2', 'D8']), cell('C1', 'V4', ['D1-next']), cell('C1', 'V4', ['D1-next'], { 'fill-flag': 'if-found' })],
      lookupExpectation,
    );
    const md = renderClaims(data);
    expect(md).toContain('Lockdep would miss 1 of the 1 deadlocks found');
    expect(md).toContain('Scenario C6 (folio lock vs handle order, no flush at all) deadlocks for V4');
    expect(md).toContain('No answer depends on: fill-flag=if-found');
    // spec D1 says V4 fails in C1 (E8); these verdicts say it holds
    expect(md).toContain('C1/V4/D1 is holds, expected violated (E8)');
  });

  it('every claim cites a speaker, a date and a quote, and names at least one cell', () => {
    for (const c of CLAIMS) {
      expect(c.who).toMatch(/Zhang Yi|Brian Foster/);
      expect(c.when).toMatch(/2025-0[78]-\d\d/);
      expect(c.quote.length).toBeGreaterThan(30);
      expect(c.checks.length).toBeGreaterThan(0);
      for (const k of c.checks) expect(PROPS).toContain(k.property);
    }
  });
});
