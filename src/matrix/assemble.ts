/**
 * Turns cell results into the matrix data written to matrix.json and matrix.md: rows per
 * profile in catalogue order, the mechanisms each cell shows, each expectation rule judged
 * (an `absent` rule in every cell it covers, a `present` rule across its cells), the
 * assumption settings that change an answer (and only those kept as extra rows), and the
 * list of mismatches.
 *
 * The shapes it produces are in matrixData.ts.
 *
 * Deterministic by construction: rows follow the catalogue order, assumption rows their label,
 * and nothing here reads the clock or the file system.
 */
import { ruleApplies, splitTarget, expectationOf, type Expectation, type ExpectationRule } from '../properties/kernel/expectations.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import { variantLabel } from './cell.ts';
import type { AssumptionFinding, Judgement, MatrixData, MatrixRow, Mismatch, Presence, RowRun } from './matrixData.ts';
import type { CellKey, CellOutcome, CellResult, Comparison, PropertyCell } from './types.ts';

/** `k=v, k2=v2` with keys sorted: the name of an assumption setting. */
export function settingLabel(assumptions: Readonly<Record<string, string>>): string {
  return Object.keys(assumptions)
    .sort()
    .map((k) => `${k}=${assumptions[k]}`)
    .join(', ');
}

function runOf(o: CellOutcome): RowRun {
  if (o.kind !== 'checked') return o;
  return {
    kind: 'checked',
    verdict: o.verdict,
    states: o.states,
    transitions: o.transitions,
    depth: o.depth,
    collisionProbability: o.collisionProbability,
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
    ...(o.por === true ? { por: true as const } : {}),
  };
}

function verdictOf(o: CellOutcome, property: string): PropertyCell {
  if (o.kind === 'not-applicable') return { status: 'n/a', reason: o.reason };
  if (o.kind === 'error') return { status: 'n/a', reason: `model error: ${o.message}` };
  return o.properties[property] ?? { status: 'n/a', reason: `${property} was not reported` };
}

/** Short text of a verdict, for comparisons and mismatch lists. */
export function verdictWord(v: PropertyCell | undefined): string {
  return v === undefined ? 'unknown' : v.status;
}

/**
 * The verdict of a target in a row: a mechanism property the model checks, else the base
 * property (holding means every mechanism holds; violated counts for the mechanism its trace
 * shows, and leaves other mechanisms undecided).
 */
export function targetVerdict(row: Pick<MatrixRow, 'cells' | 'mechanisms'>, target: string): PropertyCell | undefined {
  const { property, mechanism } = splitTarget(target);
  if (mechanism === undefined) return row.cells[property];
  const own = row.mechanisms[target];
  if (own !== undefined) return own;
  const base = row.cells[property];
  if (base === undefined || base.status !== 'violated') return base;
  return base.mechanism === mechanism ? base : undefined;
}

/** The violated targets of a row: mechanism properties, and base properties by their trace's mechanism. */
function foundTargets(cells: Readonly<Record<string, PropertyCell>>, mechanisms: Readonly<Record<string, PropertyCell>>): string[] {
  const out = new Set<string>();
  for (const [id, c] of Object.entries(mechanisms)) if (c.status === 'violated') out.add(id);
  for (const [id, c] of Object.entries(cells)) {
    if (c.status !== 'violated') continue;
    const hasOwn = Object.keys(mechanisms).some((m) => m.startsWith(`${id}:`));
    if (!hasOwn && c.mechanism !== undefined) out.add(`${id}:${c.mechanism}`);
  }
  return [...out].sort();
}

function compareAbsent(v: PropertyCell | undefined): Comparison {
  if (v === undefined || v.status === 'incomplete' || v.status === 'n/a') return 'unchecked';
  return v.status === 'holds' ? 'match' : 'mismatch';
}

interface FullRow extends MatrixRow {
  readonly effective: Readonly<Record<string, string>>;
}

export function assembleMatrix(catalog: Catalog, results: readonly CellResult[]): MatrixData {
  const pOrder = new Map(catalog.profiles.map((p, i) => [p.id, i]));
  const sOrder = new Map(catalog.scenarios.map((s, i) => [s.id, i]));
  const vOrder = (profile: string, v: string): number => {
    const p = catalog.profiles.find((x) => x.id === profile);
    if (p === undefined) return 0;
    const cf = p.counterfactualVersions.findIndex((x) => x.id === v);
    return cf >= 0 ? cf - 1000 : p.versions.findIndex((x) => x.id === v);
  };
  const props = catalog.properties.map((p) => p.id);
  const defaultsOf = (profile: string): Record<string, string> =>
    Object.fromEntries((catalog.profiles.find((p) => p.id === profile)?.assumptions ?? []).map((a) => [a.id, a.default]));
  const sorted = [...results].sort(
    (a, b) =>
      (pOrder.get(a.profile) ?? 0) - (pOrder.get(b.profile) ?? 0) ||
      (sOrder.get(a.scenario) ?? 0) - (sOrder.get(b.scenario) ?? 0) ||
      vOrder(a.profile, a.variant) - vOrder(b.profile, b.variant) ||
      (Object.keys(a.assumptions).length === 0 ? -1 : 0) - (Object.keys(b.assumptions).length === 0 ? -1 : 0) ||
      (variantLabel(a) < variantLabel(b) ? -1 : variantLabel(a) > variantLabel(b) ? 1 : 0),
  );
  const rules = catalog.expectations;

  // Every run as a row, judged by the absent rules.
  const all: FullRow[] = sorted.map((r) => {
    const cells: Record<string, PropertyCell> = {};
    for (const p of props) cells[p] = verdictOf(r.outcome, p);
    const mechanisms = r.outcome.kind === 'checked' ? r.outcome.mechanisms : {};
    const effective = { ...defaultsOf(r.profile), ...r.assumptions };
    const judgements: Judgement[] = [];
    for (const rule of rules) {
      if (rule.expect !== 'absent' || !ruleApplies(rule, { profile: r.profile, variant: r.variant, scenario: r.scenario, assumptions: effective })) continue;
      for (const target of rule.targets) {
        const v = targetVerdict({ cells, mechanisms }, target);
        // A property this cell's model does not check (D5 without a size extension) is not judged.
        if (v?.status === 'n/a') continue;
        judgements.push({ rule: rule.id, target, comparison: compareAbsent(v) });
      }
    }
    return {
      profile: r.profile,
      scenario: r.scenario,
      variant: r.variant,
      assumptions: r.assumptions,
      ...(r.counterfactual === true ? { counterfactual: true } : {}),
      label: variantLabel(r),
      role: Object.keys(r.assumptions).length === 0 ? ('default' as const) : ('assumption' as const),
      changes: [],
      run: runOf(r.outcome),
      cells,
      mechanisms,
      found: foundTargets(cells, mechanisms),
      judgements,
      effective,
    };
  });
  const key = (r: CellKey) => `${r.profile}\0${r.scenario}\0${r.variant}`;
  const defaultRow = new Map(all.filter((r) => r.role === 'default').map((r) => [key(r), r]));

  // What each assumption row changes, against its default row.
  const withChanges: FullRow[] = all.map((r) => {
    if (r.role === 'default') return r;
    const base = defaultRow.get(key(r));
    const changes =
      base === undefined
        ? [...props]
        : [
            ...props.filter((p) => verdictWord(base.cells[p]) !== verdictWord(r.cells[p])),
            ...[...new Set([...base.found, ...r.found])].filter((t) => base.found.includes(t) !== r.found.includes(t)).sort(),
          ];
    return { ...r, changes };
  });

  // Present rules, across the cells of each (profile, version, setting) they cover.
  const presence: Presence[] = [];
  for (const rule of rules) {
    if (rule.expect !== 'present') continue;
    const covered = withChanges.filter((r) => ruleApplies(rule, { profile: r.profile, variant: r.variant, scenario: r.scenario, assumptions: r.effective }));
    const groups = new Map<string, FullRow[]>();
    for (const r of covered) {
      // Rows of one setting; a rule with `when` judges only the setting it names.
      const g = `${r.profile}\0${r.variant}\0${settingLabel(r.assumptions)}`;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const rowsOf of groups.values()) {
      const first = rowsOf[0]!;
      // The default setting, or the setting the rule's `when` names: a statement about one
      // kernel is judged on that kernel, not on every other assumption's row.
      const defaults = defaultsOf(first.profile);
      const whenIsDefault = Object.entries(rule.when ?? {}).every(([k, v]) => defaults[k] === v);
      const judged = first.role === 'default' ? whenIsDefault : settingLabel(first.assumptions) === settingLabel(rule.when ?? {});
      if (!judged) continue;
      for (const target of rule.targets) {
        const witnesses = rowsOf
          .map((r) => ({ r, v: targetVerdict(r, target) }))
          .filter((x) => x.v?.status === 'violated')
          .map(({ r, v }) => ({ cell: `${r.scenario}/${r.label}`, traceFile: (v as { traceFile: string }).traceFile, traceLength: (v as { traceLength: number }).traceLength }));
        const decided = rowsOf.some((r) => {
          const v = targetVerdict(r, target);
          return v !== undefined && (v.status === 'holds' || v.status === 'violated');
        });
        presence.push({
          rule: rule.id,
          target,
          profile: first.profile,
          variant: first.variant,
          setting: Object.keys(first.assumptions).length === 0 ? 'defaults' : settingLabel(first.assumptions),
          comparison: witnesses.length > 0 ? 'match' : decided ? 'mismatch' : 'unchecked',
          witnesses,
          // Cells whose model does not check the target (refused, or the property n/a) judge nothing.
          judged: rowsOf.filter((r) => {
            const v = targetVerdict(r, target);
            return v !== undefined && v.status !== 'n/a';
          }).map((r) => r.scenario),
        });
      }
    }
  }

  // Keep default rows, rows that change an answer, rows with a mismatch, and witness rows.
  const witnessCells = new Set(presence.flatMap((p) => p.witnesses.map((w) => `${p.profile}\0${w.cell}`)));
  const rows: MatrixRow[] = withChanges
    .filter(
      (r) =>
        r.role === 'default' ||
        r.changes.length > 0 ||
        r.judgements.some((j) => j.comparison === 'mismatch') ||
        witnessCells.has(`${r.profile}\0${r.scenario}/${r.label}`),
    )
    .map(({ effective: _e, ...row }) => row);

  // Assumption findings per profile: in catalogue order of the assumption and its values.
  const findings: AssumptionFinding[] = [];
  for (const p of catalog.profiles) {
    for (const a of p.assumptions) {
      for (const value of a.values) {
        if (value === a.default) continue;
        const runs = withChanges.filter((r) => r.profile === p.id && r.role === 'assumption' && r.assumptions[a.id] === value && Object.keys(r.assumptions).length === 1);
        if (runs.length === 0) continue;
        findings.push({
          profile: p.id,
          setting: `${a.id}=${value}`,
          assumptions: { [a.id]: value },
          defaults: { [a.id]: a.default },
          changed: runs.filter((r) => r.changes.length > 0).map((r) => ({ scenario: r.scenario, variant: r.variant, properties: r.changes })),
          tried: runs.length,
        });
      }
    }
  }

  const mismatches: Mismatch[] = [];
  const expOf = new Map<string, Expectation>(rules.map((r: ExpectationRule) => [r.id, expectationOf(r)]));
  for (const r of withChanges) {
    for (const j of r.judgements) {
      if (j.comparison !== 'mismatch') continue;
      const v = targetVerdict(r, j.target);
      mismatches.push({
        profile: r.profile,
        scenario: r.scenario,
        label: r.label,
        target: j.target,
        found: verdictWord(v),
        expected: expOf.get(j.rule)!,
        ...(v?.status === 'violated' ? { traceFile: v.traceFile } : {}),
      });
    }
  }
  for (const p of presence) {
    if (p.comparison !== 'mismatch') continue;
    mismatches.push({
      profile: p.profile,
      scenario: p.judged.join(','),
      label: p.setting === 'defaults' ? p.variant : `${p.variant}+${p.setting.replace(', ', '+')}`,
      target: p.target,
      found: 'absent',
      expected: expOf.get(p.rule)!,
    });
  }

  const traceFiles: string[] = [];
  const counts = { runs: results.length, rows: rows.length, violated: 0, holds: 0, notApplicable: 0, incomplete: 0, errors: 0, match: 0, mismatch: 0, unchecked: 0 };
  for (const row of rows) {
    if (row.run.kind === 'error') counts.errors++;
    for (const p of props) {
      const c = row.cells[p]!;
      if (c.status === 'violated') counts.violated++;
      else if (c.status === 'holds') counts.holds++;
      else if (c.status === 'incomplete') counts.incomplete++;
      else counts.notApplicable++;
    }
    for (const c of [...Object.values(row.cells), ...Object.values(row.mechanisms)]) if (c.status === 'violated' && !traceFiles.includes(c.traceFile)) traceFiles.push(c.traceFile);
  }
  for (const r of withChanges) for (const j of r.judgements) counts[j.comparison]++;
  for (const p of presence) counts[p.comparison]++;
  traceFiles.sort();
  return {
    profiles: catalog.profiles.map((p) => ({
      id: p.id,
      title: p.title,
      cite: p.cite,
      versions: p.versions.map(pickEntry),
      counterfactualVersions: p.counterfactualVersions.map((v) => ({ ...pickEntry(v), why: v.why })),
      assumptions: p.assumptions.map((a) => ({ id: a.id, values: [...a.values], default: a.default, ...(a.description !== undefined ? { description: a.description } : {}) })),
    })),
    scenarios: catalog.scenarios.map(pickEntry),
    properties: catalog.properties.map(pickEntry),
    mechanisms: catalog.mechanisms.map((m) => ({ ...pickEntry(m), properties: [...m.properties] })),
    expectations: rules.map((r) => ({ ...r })),
    rows,
    presence,
    findings,
    mismatches,
    traceFiles,
    counts,
  };
}

/** Only the plain fields of a catalogue entry (drops functions, keeps the file stable). */
function pickEntry(e: CatalogEntry): CatalogEntry {
  const out: Record<string, string> = { id: e.id };
  for (const k of ['title', 'name', 'description', 'cite'] as const) if (typeof e[k] === 'string') out[k] = e[k];
  return out as unknown as CatalogEntry;
}

/** JSON with object keys sorted at every level, so the file is byte-stable. */
export function stableJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) o[k] = norm((v as Record<string, unknown>)[k]);
      return o;
    }
    return v;
  };
  return JSON.stringify(norm(value), null, 2) + '\n';
}
