/**
 * results/claims.md: each claim of the seed thread next to the matrix cells that decide it,
 * read on each profile it names (the thread's ext4-iomap, and buffer-head ext4 where the claim
 * has a reading there), whether zrcheck bears it out, and the trace that shows it; then
 * findings the thread did not state (mechanisms no expectation names, cycles lockdep cannot
 * see, assumptions that change answers, disagreements with the spec's expectations).
 */
import { mdEscape as mdCell } from '../report/traceMarkdown.ts';
import { settingLabel, targetVerdict } from './assemble.ts';
import type { MatrixData, MatrixRow } from './matrixData.ts';
import { variantLabel } from './cell.ts';
import { CLAIMS, NOT_MODELLED, type Claim, type ClaimCheck } from './claimsData.ts';
import type { PropertyCell } from './types.ts';

export type ClaimStatus = 'held' | 'refuted' | 'partly held' | 'not checked';

export interface CheckedRow {
  readonly check: ClaimCheck;
  /** `present` / `absent` as found, or undefined when no run decided it. */
  readonly found: 'present' | 'absent' | undefined;
  /** The trace that shows the target (present), when there is one. */
  readonly witness?: { readonly cell: string; readonly traceFile: string; readonly traceLength: number; readonly waitFor?: string };
  readonly agrees: boolean | undefined;
}

export interface CheckedClaim {
  readonly claim: Claim;
  readonly status: ClaimStatus;
  readonly rows: readonly CheckedRow[];
}

const DEFAULT_PROFILE = 'ext4-iomap';

/**
 * The rows a check reads: its own row if kept; an assumption row is kept only when it changes
 * an answer, so if its setting was run and the row dropped, its verdicts equal the default row's.
 */
function rowsOf(data: MatrixData, check: ClaimCheck): MatrixRow[] {
  const profile = check.profile ?? DEFAULT_PROFILE;
  const label = variantLabel({ variant: check.variant, assumptions: check.assumptions ?? {} });
  const scenarios = data.scenarios.map((s) => s.id).filter((s) => check.scenario === undefined || s === check.scenario);
  const out: MatrixRow[] = [];
  for (const scenario of scenarios) {
    let row = data.rows.find((r) => r.profile === profile && r.scenario === scenario && r.label === label);
    if (row === undefined && check.assumptions !== undefined && wasRun(data, profile, check.assumptions)) {
      row = data.rows.find((r) => r.profile === profile && r.scenario === scenario && r.variant === check.variant && r.role === 'default');
    }
    if (row !== undefined) out.push(row);
  }
  return out;
}

function wasRun(data: MatrixData, profile: string, assumptions: Readonly<Record<string, string>>): boolean {
  const want = settingLabel(assumptions);
  return data.findings.some((f) => f.profile === profile && f.setting === want && f.tried > 0);
}

export function checkRow(data: MatrixData, check: ClaimCheck): CheckedRow {
  const rows = rowsOf(data, check);
  const verdicts = rows.map((r) => ({ r, v: targetVerdict(r, check.target) }));
  const hit = verdicts.filter((x): x is { r: MatrixRow; v: PropertyCell & { status: 'violated' } } => x.v?.status === 'violated').sort((a, b) => a.v.traceLength - b.v.traceLength)[0];
  // Cells whose model does not check the property (D5 without a size extension) say nothing.
  const relevant = verdicts.filter((x) => x.v?.status !== 'n/a');
  const allDecided = relevant.length > 0 && relevant.every((x) => x.v?.status === 'holds' || x.v?.status === 'violated');
  const found = hit !== undefined ? 'present' : allDecided ? 'absent' : undefined;
  return {
    check,
    found,
    ...(hit !== undefined
      ? { witness: { cell: `${hit.r.scenario}/${hit.r.label}`, traceFile: hit.v.traceFile, traceLength: hit.v.traceLength, ...(hit.v.waitFor !== undefined ? { waitFor: hit.v.waitFor } : {}) } }
      : {}),
    agrees: found === undefined ? undefined : found === check.implies,
  };
}

export function checkClaims(data: MatrixData): CheckedClaim[] {
  return CLAIMS.map((claim) => {
    const rows = claim.checks.map((check) => checkRow(data, check));
    const decided = rows.filter((r) => r.agrees !== undefined);
    let status: ClaimStatus;
    if (decided.length === 0) status = 'not checked';
    else if (decided.every((r) => r.agrees)) status = decided.length === rows.length ? 'held' : 'partly held';
    else if (decided.every((r) => !r.agrees)) status = 'refuted';
    else status = 'partly held';
    return { claim, status, rows };
  });
}

function foundText(r: CheckedRow): string {
  if (r.found === undefined) return 'not checked';
  if (r.witness !== undefined) {
    return `[present: ${r.witness.cell}, ${r.witness.traceLength} steps](${r.witness.traceFile})${r.witness.waitFor !== undefined ? `: ${mdCell(r.witness.waitFor)}` : ''}`;
  }
  return r.found;
}

function cellName(data: MatrixData, c: ClaimCheck): string {
  const profile = c.profile ?? DEFAULT_PROFILE;
  const cf = data.profiles.find((p) => p.id === profile)?.counterfactualVersions.some((v) => v.id === c.variant) ? ' (counterfactual)' : '';
  return `${profile} / ${c.scenario ?? 'every scenario'} / ${variantLabel({ variant: c.variant, assumptions: c.assumptions ?? {} })}${cf} / ${c.target}`;
}

export function renderClaims(data: MatrixData): string {
  const checked = checkClaims(data);
  const out: string[] = ['# Claims of the thread, checked by zrcheck', ''];
  out.push(
    'Thread: "Re: [PATCH v3 3/7] iomap: optional zero range dirty folio processing" (Zhang Yi, Brian Foster; linux-fsdevel/linux-ext4, July-August 2025). ' +
      'Each claim is read as targets of matrix cells (profile / scenario / version / property or mechanism, see matrix.md) that it implies are present or absent; ' +
      '"every scenario" means every built-in scenario of that profile. "held" means every cell gave what the claim implies. ' +
      'The thread is about ext4 on iomap; where a claim has a reading on buffer-head ext4 it is checked there too.',
    '',
  );
  out.push('| claim | who, when | profiles | status |', '|---|---|---|---|');
  for (const c of checked) {
    const profiles = [...new Set(c.claim.checks.map((x) => x.profile ?? DEFAULT_PROFILE))].join(', ');
    out.push(`| [${c.claim.id}](#${c.claim.id.toLowerCase()}) | ${c.claim.who}, ${c.claim.when} | ${profiles} | ${c.status} |`);
  }
  out.push('');
  for (const c of checked) {
    out.push(`## ${c.claim.id}`, '');
    out.push(`${c.claim.who}, ${c.claim.when}:`, '', `> ${c.claim.quote}`, '');
    out.push(`Reading: ${c.claim.reading}`, '');
    out.push(`Status: **${c.status}**`, '');
    out.push('| cell | claim implies | zrcheck found | agrees |', '|---|---|---|---|');
    for (const r of c.rows) {
      out.push(`| ${cellName(data, r.check)} | ${r.check.implies} | ${foundText(r)} | ${r.agrees === undefined ? '—' : r.agrees ? 'yes' : '**no**'} |`);
    }
    out.push('');
  }

  out.push('## Findings the thread did not state', '');
  const findings: string[] = [];
  // Mechanisms found that no `present` rule expects on that profile and version.
  const expected = new Set(data.presence.map((p) => `${p.profile}\0${p.variant}\0${p.target.split(':')[1] ?? ''}`));
  const unexpected = new Map<string, { cells: string[]; trace: string }>();
  for (const row of data.rows) {
    if (row.role !== 'default') continue;
    for (const t of row.found) {
      const m = t.split(':')[1]!;
      if (expected.has(`${row.profile}\0${row.variant}\0${m}`)) continue;
      const k = `${row.profile}\0${m}`;
      const v = row.mechanisms[t] ?? row.cells[t.split(':')[0]!];
      const e = unexpected.get(k) ?? { cells: [], trace: v?.status === 'violated' ? v.traceFile : '' };
      const cell = `${row.scenario}/${row.label}`;
      if (!e.cells.includes(cell)) e.cells.push(cell);
      unexpected.set(k, e);
    }
  }
  for (const [k, e] of unexpected) {
    const [profile, m] = k.split('\0') as [string, string];
    const info = data.mechanisms.find((x) => x.id === m);
    findings.push(
      `On ${profile}, mechanism ${m}${info?.title !== undefined ? ` (${mdCell(info.title)})` : ''} occurs where no expectation names it: ${e.cells.join(', ')}${e.trace !== '' ? ` ([trace](${e.trace}))` : ''}.`,
    );
  }
  const deadlocks = data.rows.filter((r) => r.cells['D2']?.status === 'violated');
  const blind = deadlocks.filter((r) => {
    const v = r.cells['D2']!;
    return v.status === 'violated' && (v.lockdepInvisible ?? 0) > 0;
  });
  if (deadlocks.length > 0) {
    findings.push(
      `Lockdep would miss ${blind.length} of the ${deadlocks.length} deadlocked cells: their wait-for cycle has an edge lockdep cannot see (PG_writeback, or a folio lock held across a handle start; spec C.1 lockdep note)${
        blind.length > 0 ? `: ${blind.map((r) => `${r.profile}/${r.scenario}/${r.label}`).join(', ')}` : ''
      }. Only a wait-for analysis reports them.`,
    );
  }
  for (const f of data.findings) {
    if (f.changed.length === 0) continue;
    findings.push(
      `On ${f.profile}, assumption ${f.setting} (default ${settingLabel(f.defaults)}) changes answers in ${f.changed.length} of ${f.tried} cells: ${f.changed
        .map((c) => `${c.scenario}/${c.variant} (${c.properties.join(' ')})`)
        .join('; ')}.`,
    );
  }
  const unchanged = data.findings.filter((f) => f.changed.length === 0 && f.tried > 0);
  if (unchanged.length > 0) findings.push(`No answer depends on: ${unchanged.map((f) => `${f.profile} ${f.setting}`).join('; ')}.`);
  if (data.mismatches.length > 0) {
    findings.push(
      `zrcheck disagrees with ${data.mismatches.length} expectation${data.mismatches.length === 1 ? '' : 's'} of the spec (matrix.md, "Mismatches"): ${data.mismatches
        .map((m) => `${m.profile}/${m.scenario}/${m.label} ${m.target} is ${m.found}, expected ${m.expected.expect} (${m.expected.id})`)
        .join('; ')}.`,
    );
  }
  if (findings.length === 0) out.push('None.', '');
  else for (const f of findings) out.push(`- ${f}`, '');

  out.push('## Statements not modelled', '');
  for (const n of NOT_MODELLED) out.push(`- ${n.who}, ${n.when}: "${n.quote}" — ${n.why}`, '');
  return out.join('\n');
}
