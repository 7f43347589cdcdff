/**
 * `zrcheck layouts --variant ID [--scenario ID] --max-blocks N`: checks every small initial
 * layout for one version (the scenario picks the threads and the caller), and reports per
 * property whether it holds on every layout, how many layouts break it (with the smallest
 * witness and the command that shows its trace), and how many left it undecided.
 * Exit 1 when any layout breaks a property; otherwise 3 when a limit or Ctrl-C left any
 * property undecided; 0 only when every property holds on every layout.
 */
import { describeLayout, sweepLayouts } from '../../report/layoutSweep.ts';
import { selectProperties } from '../../properties/select.ts';
import { notApplicableReason } from '../../model/applicable.ts';
import { EXIT, type Command } from '../io.ts';
import { parseAssignments } from '../params.ts';
import { counterLine, fmtInt } from '../progress.ts';
import { intOption, parseCommand, usageError } from './shared.ts';

const USAGE = `usage: zrcheck layouts --variant ID [--scenario ID] --max-blocks N [--assume NAME=VALUE]...
       [--property NAME]... [--unaligned] [--max-states N] [--json]`;

const HELP = `${USAGE}

Checks the version on every initial layout of at most N blocks the generator lists (1 or 2
folios; each block HOLE, DELALLOC, UNWRITTEN or WRITTEN; each folio absent, clean or dirty;
every block-aligned zero range; i_size at the end or one block before) and reports, per
property, whether it holds on every layout, how many layouts violate it with the smallest
witness, and how many layouts left it undecided.

  --variant ID          the code version (zrcheck list versions)
  --scenario ID         whose threads and caller to use (default C1)
  --max-blocks N        largest layout, in blocks (1..8; large values are refused with the
                        estimated count)
  --assume NAME=VALUE   an assumption setting (zrcheck list assumptions), repeatable
  --property NAME       report only these properties (repeatable)
  --unaligned           also start the zero range inside its first block (V1c's special case)
  --max-states N        state limit per layout; a layout that hits it decides nothing more
  --json                one JSON object instead of the text report

Exit: 0 every property holds on every layout; 1 some layout violates a property; 2 bad
input; 3 incomplete (a state limit or Ctrl-C left a property undecided, none violated).`;

export const layoutsCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      variant: { type: 'string' },
      scenario: { type: 'string' },
      'max-blocks': { type: 'string' },
      assume: { type: 'string', multiple: true },
      property: { type: 'string', multiple: true },
      unaligned: { type: 'boolean' },
      'max-states': { type: 'string' },
      json: { type: 'boolean' },
    },
    'layouts',
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(io, `unexpected argument '${parsed.positionals[0]}'`, 'layouts');
  const v = parsed.values;
  if (v.variant === undefined) return usageError(io, '--variant ID is required', 'layouts');
  if (v['max-blocks'] === undefined) return usageError(io, '--max-blocks N is required', 'layouts');
  const maxBlocks = intOption('max-blocks', v['max-blocks']);
  if (typeof maxBlocks === 'string') return usageError(io, maxBlocks, 'layouts');
  let maxStates: number | undefined;
  if (v['max-states'] !== undefined) {
    const n = intOption('max-states', v['max-states']);
    if (typeof n === 'string') return usageError(io, n, 'layouts');
    maxStates = n;
  }
  const assumptions = parseAssignments(v.assume ?? [], '--assume');
  if (!assumptions.ok) return usageError(io, assumptions.error, 'layouts');
  const scenario = v.scenario ?? 'C1';
  const names = v.property ?? [];
  const progress = counterLine(io, `layouts ${v.variant}`, 'layouts');
  const result = sweepLayouts({
    scenario,
    variant: v.variant,
    assumptions: assumptions.values,
    maxBlocks,
    unalignedStarts: v.unaligned === true,
    ...(maxStates !== undefined ? { maxStatesPerLayout: maxStates } : {}),
    select: (m) => selectProperties(m, names, (n) => notApplicableReason(scenario, n)),
    shouldAbort: () => io.interrupted(),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.done();
  if (!result.ok) return usageError(io, result.error, 'layouts');
  const anyViolated = result.properties.some((p) => p.status === 'violated');
  const anyIncomplete = result.properties.some((p) => p.status === 'incomplete');
  if (v.json) {
    io.out(
      `${JSON.stringify(
        {
          scenario,
          variant: v.variant,
          maxBlocks,
          ...result,
          properties: result.properties.map((p) => ({ ...p, ...(p.smallest ? { smallest: { ...p.smallest, description: describeLayout(p.smallest.layout) } } : {}) })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const unchecked = result.layouts - result.checked;
    const coverage =
      result.aborted || result.incomplete > 0
        ? `${fmtInt(result.checked)} of ${fmtInt(result.layouts)} layouts checked${result.aborted ? ` (INTERRUPTED: ${fmtInt(unchecked)} never checked)` : ''}${result.incomplete > 0 ? `, ${fmtInt(result.incomplete)} stopped by the state limit` : ''}; ${fmtInt(result.totalStates)} states in all`
        : `all ${fmtInt(result.layouts)} layouts checked exhaustively (${fmtInt(result.totalStates)} states in all)`;
    const lines = [`zrcheck layouts: scenario ${scenario} threads, variant ${v.variant}, every layout of at most ${maxBlocks} block${maxBlocks === 1 ? '' : 's'}`, coverage, ''];
    const w = Math.max(8, ...result.properties.map((p) => p.property.length));
    for (const p of result.properties) {
      const undecided = p.undecidedLayouts + (result.layouts - result.checked);
      if (p.status === 'holds') lines.push(`${p.property.padEnd(w)}  holds on every layout`);
      else if (p.status === 'incomplete') lines.push(`${p.property.padEnd(w)}  NOT DECIDED: no violation found, but ${fmtInt(undecided)} layouts left it undecided`);
      else {
        const s = p.smallest!;
        lines.push(
          `${p.property.padEnd(w)}  VIOLATED on ${fmtInt(p.violatingLayouts)} layouts${undecided > 0 ? ` (${fmtInt(undecided)} undecided)` : ''}; smallest: ${describeLayout(s.layout)} (${s.traceLength}-step trace)`,
        );
      }
    }
    const witnesses = result.properties.filter((p) => p.smallest);
    if (witnesses.length > 0) lines.push('', 'traces of the smallest witnesses:');
    const extra = (v.assume ?? []).map((a) => ` --assume ${a}`).join('');
    lines.push(...witnesses.map((p) => `  zrcheck check --scenario ${scenario} --variant ${v.variant}${extra} --layout ${p.smallest!.layout.id} --property ${p.property}`));
    io.out(`${lines.join('\n')}\n`);
  }
  // Ctrl-C makes the run incomplete whatever it found before (the violations above are real).
  if (result.aborted && io.interrupted()) return EXIT.incomplete;
  if (anyViolated) return EXIT.violated;
  return anyIncomplete ? EXIT.incomplete : EXIT.holds;
};
