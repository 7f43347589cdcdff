/** The thread's claims read against matrix verdicts keyed to (profile, version, mechanism). */
import { describe, expect, it } from 'vitest';
import { assembleMatrix } from '../../src/matrix/assemble.ts';
import { checkClaims, renderClaims } from '../../src/matrix/claims.ts';
import { CLAIMS } from '../../src/matrix/claimsData.ts';
import type { Catalog } from '../../src/matrix/catalog.ts';
import type { CellResult, PropertyCell } from '../../src/matrix/types.ts';
import { EXPECTATION_RULES } from '../../src/properties/kernel/expectations.ts';
import { MECHANISMS } from '../../src/properties/kernel/mechanisms.ts';

const PROPS = ['D1', 'D1-literal', 'D1-next', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9'];
const SCENARIOS = ['C1', 'C1-EOF', 'C3', 'C4', 'C5', 'C6', 'MIXED', 'EOF'];
const catalog: Catalog = {
  profiles: [
    {
      id: 'ext4-iomap',
      title: 'iomap',
      cite: '-',
      versions: ['V1c', 'V2', 'V2a', 'V3', 'V4', 'next-v2'].map((id) => ({ id })),
      counterfactualVersions: [{ id: 'V0', why: 'never shipped' }],
      assumptions: [{ id: 'fill-flag', values: ['always', 'if-found'], default: 'always' }],
    },
    { id: 'ext4-bh', title: 'bh', cite: '-', versions: [{ id: 'bh-v7.0' }, { id: 'bh-v7.1' }], counterfactualVersions: [], assumptions: [] },
    { id: 'xfs', title: 'xfs', cite: '-', versions: ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'v7.1'].map((id) => ({ id })), counterfactualVersions: [], assumptions: [] },
  ],
  scenarios: SCENARIOS.map((id) => ({ id })),
  properties: PROPS.map((id) => ({ id })),
  mechanisms: MECHANISMS,
  expectations: EXPECTATION_RULES,
  aliases: {},
  kernel: false,
  build: () => ({ ok: false, error: 'not used' }),
};

const trace = (profile: string, scenario: string, variant: string, p: string): string => `${profile}/${scenario}/${variant}/${p}/trace.md`;

/**
 * A result where the listed targets (`D2:C5-kmalloc`) are violated, their base properties with
 * them, and every other property and mechanism holds.
 */
function cell(scenario: string, variant: string, bad: readonly string[], opts: { assumptions?: Record<string, string>; profile?: string } = {}): CellResult {
  const profile = opts.profile ?? 'ext4-iomap';
  const properties: Record<string, PropertyCell> = {};
  const mechanisms: Record<string, PropertyCell> = {};
  for (const p of PROPS) properties[p] = { status: p === 'D5' && scenario !== 'EOF' ? 'n/a' : 'holds', ...(p === 'D5' && scenario !== 'EOF' ? { reason: 'no extension' } : {}) } as PropertyCell;
  for (const m of MECHANISMS) for (const p of m.properties.filter((x) => x === 'D1' || x === 'D2')) mechanisms[`${p}:${m.id}`] = { status: 'holds' };
  for (const t of bad) {
    const [p, m] = t.split(':') as [string, string | undefined];
    const v: PropertyCell = { status: 'violated', kind: p === 'D2' ? 'deadlock' : 'invariant', traceLength: 7, traceFile: trace(profile, scenario, variant, t), waitFor: 'Z -> W -> C -> Z', lockdepInvisible: 1, ...(m !== undefined ? { mechanism: m } : {}) };
    if (m !== undefined && (p === 'D1' || p === 'D2')) mechanisms[t] = v;
    properties[p] = v;
  }
  return {
    profile,
    scenario,
    variant,
    assumptions: opts.assumptions ?? {},
    ms: 1,
    outcome: { kind: 'checked', properties, mechanisms, states: 10, transitions: 20, depth: 5, collisionProbability: 0, verdict: bad.length ? 'violated' : 'holds', files: [] },
  };
}

const status = (results: CellResult[], id: string) => checkClaims(assembleMatrix(catalog, results)).find((c) => c.claim.id === id)!;

describe('claims of the thread against matrix verdicts', () => {
  it('a claim holds when every deciding cell shows what it implies, and links the trace', () => {
    const data = assembleMatrix(catalog, [cell('C5', 'V2', ['D1:C5-kmalloc', 'D2:C5-kmalloc'])]);
    expect(checkClaims(data).find((c) => c.claim.id === 'T1')!.status).toBe('held');
    const md = renderClaims(data);
    expect(md).toContain('most calls to ext4_block_zero_page_range() occur under an active journal handle');
    expect(md).toContain('[present: C5/V2, 7 steps](ext4-iomap/C5/V2/D2:C5-kmalloc/trace.md): Z -> W -> C -> Z');
    expect(md).toMatch(/\| \[T1\]\(#t1\) \| Zhang Yi, 2025-07-18 \| ext4-iomap \| held \|/);
  });

  it('is refuted when every deciding cell disagrees, partly held when some do', () => {
    expect(status([cell('C5', 'V2', [])], 'T1').status).toBe('refuted');
    expect(status([cell('C5', 'V2', ['D1:C5-kmalloc'])], 'T1').status).toBe('partly held');
  });

  it('is "not checked" when its cells were not run', () => {
    expect(status([cell('C1', 'V1c', ['D1:C1-no-batch', 'D2:C1-no-batch'])], 'T1').status).toBe('not checked');
  });

  it('a mechanism judged over every scenario: present in one is enough, absent needs all', () => {
    // T6 (V4 "addresses the issues"): one deadlocking scenario refutes it, whatever the mechanism.
    const v4 = SCENARIOS.map((s) => cell(s, 'V4', s === 'MIXED' ? ['D2:C6-batch-folio'] : []));
    const t6 = status(v4, 'T6');
    expect(t6.status).toBe('refuted');
    expect(t6.rows[0]!.witness).toMatchObject({ cell: 'MIXED/V4', traceFile: 'ext4-iomap/MIXED/V4/D2:C6-batch-folio/trace.md' });
    expect(status(SCENARIOS.map((s) => cell(s, 'V4', [])), 'T6').status).toBe('held');
    // A cell whose model does not check the property (D5 outside EOF) says nothing (T7).
    expect(status([cell('C1', 'V2a', []), cell('EOF', 'V2a', []), cell('EOF', 'V4', [])], 'T7').status).toBe('held');
  });

  it('reads a claim on each profile it names (T3: buffer-head ext4 never deadlocks)', () => {
    const iomap = cell('C1', 'V1c', ['D1:C1-no-batch', 'D2:C1-no-batch']);
    const bh = SCENARIOS.map((s) => cell(s, 'bh-v7.0', [], { profile: 'ext4-bh' }));
    const t3 = status([iomap, ...bh], 'T3');
    expect(t3.status).toBe('held');
    expect(t3.rows.map((r) => `${r.check.profile ?? 'ext4-iomap'}:${r.found}`)).toEqual(['ext4-iomap:present', 'ext4-iomap:present', 'ext4-bh:absent']);
    const bhDeadlock = SCENARIOS.map((s) => cell(s, 'bh-v7.0', s === 'C4' ? ['D2:unclassified'] : [], { profile: 'ext4-bh' }));
    expect(status([iomap, ...bhDeadlock], 'T3').status).toBe('partly held');
  });

  it('reads an assumption cell from its own row, or from the default row when that setting changed nothing', () => {
    // Zhang's C4 race (T9): the deadlock needs the if-found fill semantics (route C4-unflagged).
    const withRow = [
      cell('C4', 'V2', []),
      cell('C4', 'V3', []),
      cell('C4', 'V2', ['D1:C4-unflagged', 'D2:C4-unflagged'], { assumptions: { 'fill-flag': 'if-found' } }),
      cell('C4', 'V3', ['D1:C4-unflagged', 'D2:C4-unflagged'], { assumptions: { 'fill-flag': 'if-found' } }),
    ];
    const t9 = status(withRow, 'T9');
    expect(t9.status).toBe('partly held');
    expect(t9.rows.filter((r) => r.agrees === true).map((r) => `${r.check.variant}/${r.check.target}`)).toEqual([
      'V2/D1:C4-unflagged',
      'V2/D2:C4-unflagged',
      'V3/D1:C4-unflagged',
      'V3/D2:C4-unflagged',
    ]);
    expect(status(withRow, 'T10').status).toBe('held');

    const noChange = [cell('C4', 'V2', []), cell('C4', 'V2', [], { assumptions: { 'fill-flag': 'if-found' } })];
    expect(assembleMatrix(catalog, noChange).rows).toHaveLength(1);
    const ifFound = status(noChange, 'T10').rows.find((r) => r.check.assumptions !== undefined)!;
    expect(ifFound.found).toBe('absent');
    expect(ifFound.agrees).toBe(false);
  });

  it('lists findings the thread did not state: unexpected mechanisms, invisible edges, assumption effects, mismatches', () => {
    const data = assembleMatrix(catalog, [
      cell('C6', 'V4', ['D2:C6-pagecache']),
      cell('C1', 'V4', ['D2:sync-writeback']),
      cell('C1', 'V4', ['D2:sync-writeback'], { assumptions: { 'fill-flag': 'if-found' } }),
      cell('C3', 'V4', ['D2:C3-hole-flush']),
    ]);
    const md = renderClaims(data);
    expect(md).toContain('On ext4-iomap, mechanism sync-writeback (sync writeback holds the folio lock while waiting for writeback) occurs where no expectation names it: C1/V4');
    expect(md).toContain('Lockdep would miss 3 of the 3 deadlocked cells');
    expect(md).toContain('No answer depends on: ext4-iomap fill-flag=if-found');
    // spec D2: V4 removes the hole-flush route (E3)
    expect(md).toContain('ext4-iomap/C3/V4 D2:C3-hole-flush is violated, expected absent (E3)');
  });

  it('every claim cites a speaker, a date and a quote, and names known targets and versions', () => {
    const versions = catalog.profiles.flatMap((p) => [...p.versions, ...p.counterfactualVersions].map((v) => v.id));
    for (const c of CLAIMS) {
      expect(c.who).toMatch(/Zhang Yi|Brian Foster|Dave Chinner/);
      expect(c.when).toMatch(/2025-\d\d/);
      expect(c.quote.length).toBeGreaterThan(30);
      expect(c.checks.length).toBeGreaterThan(0);
      for (const k of c.checks) {
        const [p, m] = k.target.split(':');
        expect(PROPS, c.id).toContain(p);
        if (m !== undefined) expect(MECHANISMS.map((x) => x.id), c.id).toContain(m);
        expect(versions, c.id).toContain(k.variant);
      }
    }
  });
});
