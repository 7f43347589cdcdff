/**
 * Turns cell results into the matrix data written to matrix.json and matrix.md: rows in
 * catalogue order, each property compared with its expectation, the assumption settings that
 * change an answer (and only those kept as extra rows), and the list of mismatches.
 *
 * Deterministic by construction: rows follow the catalogue order, assumption rows their label,
 * and nothing here reads the clock or the file system.
 */
import type { Catalog, CatalogEntry } from './matrixCatalog.ts';
import { variantLabel } from './matrixCell.ts';
import type { CellKey, CellOutcome, CellResult, Comparison, Expectation, PropertyCell } from './matrixTypes.ts';

/** Finds the expectation of a property in a cell; `assumptions` has every assumption's value. */
export type ExpectationLookup = (
  cell: { scenario: string; variant: string; assumptions: Readonly<Record<string, string>> },
  property: string,
) => Expectation | undefined;

export interface MatrixCell {
  readonly verdict: PropertyCell;
  readonly expected?: Expectation;
  readonly comparison: Comparison;
}

export type RowRun =
  | {
      readonly kind: 'checked';
      readonly verdict: string;
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly collisionProbability: number;
      readonly limit?: string;
    }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };

export interface MatrixRow extends CellKey {
  readonly label: string;
  /** 'default' rows use default assumptions; 'assumption' rows change one and change an answer. */
  readonly role: 'default' | 'assumption';
  /** Properties whose verdict differs from the default row (assumption rows only). */
  readonly changes: readonly string[];
  readonly run: RowRun;
  readonly cells: Readonly<Record<string, MatrixCell>>;
}

export interface AssumptionFinding {
  /** `k=v` pairs of the setting, sorted and joined by ', ' (one pair, or a profile's several). */
  readonly setting: string;
  readonly assumptions: Readonly<Record<string, string>>;
  /** The default value of each assumption the setting changes. */
  readonly defaults: Readonly<Record<string, string>>;
  /** Cells (scenario/variant) where this setting changes at least one verdict. */
  readonly changed: readonly { scenario: string; variant: string; properties: readonly string[] }[];
  /** How many cells were run with this setting. */
  readonly tried: number;
}

/** `k=v, k2=v2` with keys sorted: the name of an assumption setting. */
export function settingLabel(assumptions: Readonly<Record<string, string>>): string {
  return Object.keys(assumptions)
    .sort()
    .map((k) => `${k}=${assumptions[k]}`)
    .join(', ');
}

export interface Mismatch {
  readonly scenario: string;
  readonly variant: string;
  readonly label: string;
  readonly property: string;
  readonly found: string;
  readonly expected: Expectation;
}

export interface MatrixData {
  readonly versions: readonly CatalogEntry[];
  readonly scenarios: readonly CatalogEntry[];
  readonly properties: readonly CatalogEntry[];
  readonly assumptions: readonly { id: string; values: readonly string[]; default: string; description?: string }[];
  readonly rows: readonly MatrixRow[];
  readonly findings: readonly AssumptionFinding[];
  readonly mismatches: readonly Mismatch[];
  /** Trace files of the kept rows (relative paths, sorted); the next run removes stale ones. */
  readonly traceFiles: readonly string[];
  readonly counts: {
    readonly runs: number;
    readonly rows: number;
    readonly violated: number;
    readonly holds: number;
    readonly notApplicable: number;
    readonly incomplete: number;
    readonly errors: number;
    readonly match: number;
    readonly mismatch: number;
    readonly unchecked: number;
  };
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
  };
}

function verdictOf(o: CellOutcome, property: string): PropertyCell {
  if (o.kind === 'not-applicable') return { status: 'n/a', reason: o.reason };
  if (o.kind === 'error') return { status: 'n/a', reason: `model error: ${o.message}` };
  return o.properties[property] ?? { status: 'n/a', reason: `${property} was not reported` };
}

function compare(v: PropertyCell, e: Expectation | undefined): Comparison {
  if (e === undefined) return 'no-expectation';
  if (v.status === 'holds' || v.status === 'violated') return v.status === e.expect ? 'match' : 'mismatch';
  return 'unchecked';
}

/** Short text of a verdict, for mismatch lists. */
export function verdictWord(v: PropertyCell): string {
  return v.status === 'violated' ? 'violated' : v.status;
}

export function assembleMatrix(catalog: Catalog, results: readonly CellResult[], expect: ExpectationLookup): MatrixData {
  const order = (list: readonly CatalogEntry[]) => new Map(list.map((e, i) => [e.id, i]));
  const vOrder = order(catalog.versions);
  const sOrder = order(catalog.scenarios);
  const props = catalog.properties.map((p) => p.id);
  const defaults: Record<string, string> = {};
  for (const a of catalog.assumptions) defaults[a.id] = a.default;
  const sorted = [...results].sort(
    (a, b) =>
      (sOrder.get(a.scenario) ?? 0) - (sOrder.get(b.scenario) ?? 0) ||
      (vOrder.get(a.variant) ?? 0) - (vOrder.get(b.variant) ?? 0) ||
      (Object.keys(a.assumptions).length === 0 ? -1 : 0) - (Object.keys(b.assumptions).length === 0 ? -1 : 0) ||
      (variantLabel(a) < variantLabel(b) ? -1 : variantLabel(a) > variantLabel(b) ? 1 : 0),
  );
  const defaultOf = new Map<string, CellResult>();
  for (const r of sorted) if (Object.keys(r.assumptions).length === 0) defaultOf.set(`${r.scenario}\0${r.variant}`, r);

  const rows: MatrixRow[] = [];
  const findingMap = new Map<
    string,
    { assumptions: Readonly<Record<string, string>>; tried: number; changed: { scenario: string; variant: string; properties: string[] }[] }
  >();
  for (const r of sorted) {
    const isDefault = Object.keys(r.assumptions).length === 0;
    const base = defaultOf.get(`${r.scenario}\0${r.variant}`);
    let changes: string[] = [];
    if (!isDefault) {
      changes = props.filter((p) => {
        if (base === undefined) return true;
        return verdictWord(verdictOf(base.outcome, p)) !== verdictWord(verdictOf(r.outcome, p));
      });
      const key = settingLabel(r.assumptions);
      const f = findingMap.get(key) ?? { assumptions: r.assumptions, tried: 0, changed: [] };
      f.tried++;
      if (changes.length > 0) f.changed.push({ scenario: r.scenario, variant: r.variant, properties: changes });
      findingMap.set(key, f);
      if (changes.length === 0) continue;
    }
    const effective = { ...defaults, ...r.assumptions };
    const cells: Record<string, MatrixCell> = {};
    for (const p of props) {
      const verdict = verdictOf(r.outcome, p);
      const e = expect({ scenario: r.scenario, variant: r.variant, assumptions: effective }, p);
      cells[p] = { verdict, ...(e !== undefined ? { expected: e } : {}), comparison: compare(verdict, e) };
    }
    rows.push({
      scenario: r.scenario,
      variant: r.variant,
      assumptions: r.assumptions,
      label: variantLabel(r),
      role: isDefault ? 'default' : 'assumption',
      changes,
      run: runOf(r.outcome),
      cells,
    });
  }

  // Single assumptions in catalogue order first, then combinations by name.
  const rank = (f: { assumptions: Readonly<Record<string, string>> }): number => {
    const keys = Object.keys(f.assumptions);
    if (keys.length !== 1) return Number.MAX_SAFE_INTEGER;
    const ai = catalog.assumptions.findIndex((a) => a.id === keys[0]);
    return ai * 1000 + (catalog.assumptions[ai]?.values.indexOf(f.assumptions[keys[0]!]!) ?? 0);
  };
  const findings: AssumptionFinding[] = [...findingMap.entries()]
    .sort(([ka, a], [kb, b]) => rank(a) - rank(b) || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([setting, f]) => ({
      setting,
      assumptions: f.assumptions,
      defaults: Object.fromEntries(Object.keys(f.assumptions).sort().map((k) => [k, defaults[k] ?? '?'])),
      changed: f.changed,
      tried: f.tried,
    }));

  const mismatches: Mismatch[] = [];
  const traceFiles: string[] = [];
  const counts = { runs: results.length, rows: rows.length, violated: 0, holds: 0, notApplicable: 0, incomplete: 0, errors: 0, match: 0, mismatch: 0, unchecked: 0 };
  for (const row of rows) {
    if (row.run.kind === 'error') counts.errors++;
    for (const p of props) {
      const c = row.cells[p]!;
      if (c.verdict.status === 'violated') {
        counts.violated++;
        traceFiles.push(c.verdict.traceFile);
      } else if (c.verdict.status === 'holds') counts.holds++;
      else if (c.verdict.status === 'incomplete') counts.incomplete++;
      else counts.notApplicable++;
      if (c.comparison === 'match') counts.match++;
      if (c.comparison === 'unchecked') counts.unchecked++;
      if (c.comparison === 'mismatch') {
        counts.mismatch++;
        mismatches.push({ scenario: row.scenario, variant: row.variant, label: row.label, property: p, found: verdictWord(c.verdict), expected: c.expected! });
      }
    }
  }
  traceFiles.sort();
  return {
    versions: catalog.versions.map(pickEntry),
    scenarios: catalog.scenarios.map(pickEntry),
    properties: catalog.properties.map(pickEntry),
    assumptions: catalog.assumptions.map((a) => ({ id: a.id, values: [...a.values], default: a.default, ...(a.description !== undefined ? { description: a.description } : {}) })),
    rows,
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

/**
 * The matrix.json view: each cell names its expectation by id, and the expectations (with
 * their citations) are listed once, instead of repeating a citation in every cell.
 */
export function matrixJsonView(data: MatrixData): unknown {
  const expectations: Record<string, Expectation> = {};
  const rows = data.rows.map((row) => {
    const cells: Record<string, unknown> = {};
    for (const [p, c] of Object.entries(row.cells)) {
      if (c.expected !== undefined) expectations[c.expected.id] = c.expected;
      cells[p] = {
        verdict: c.verdict,
        comparison: c.comparison,
        ...(c.expected !== undefined ? { expected: { id: c.expected.id, expect: c.expected.expect } } : {}),
      };
    }
    return { ...row, cells };
  });
  return { ...data, rows, expectations };
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
