/**
 * `zrcheck list [--json]`: the kernel model's versions, assumptions (with their values and
 * default), scenarios and properties, one line each, so a user can find the ids that
 * `check --scenario/--variant/--assume` and `matrix` take.
 */
import { ASSUMPTIONS, KERNEL_PROPERTIES, SCENARIOS, VERSIONS } from '../../model/index.ts';
import { EXIT, type Command } from '../io.ts';
import { parseCommand, usageError } from './shared.ts';

const USAGE = 'usage: zrcheck list [versions|assumptions|scenarios|properties]... [--json]';

const HELP = `${USAGE}

Lists the kernel model's ids with their spec citations: versions (--variant), assumptions
(--assume NAME=VALUE, with every value and the default), scenarios (--scenario) and
properties (--property). With no section, all four.

  --json    one JSON object with the asked sections

Exit: 0, or 2 for an unknown section.`;
const SECTIONS = ['versions', 'assumptions', 'scenarios', 'properties'] as const;

export const listCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, { json: { type: 'boolean' } }, 'list', HELP);
  if (typeof parsed === 'number') return parsed;
  const wanted = parsed.positionals.length === 0 ? [...SECTIONS] : parsed.positionals;
  for (const w of wanted) {
    if (!(SECTIONS as readonly string[]).includes(w)) return usageError(io, `unknown section '${w}'; valid: ${SECTIONS.join(', ')}`, 'list');
  }
  const data = {
    versions: VERSIONS.map((v) => ({ id: v.id, title: v.title, cite: v.cite })),
    assumptions: ASSUMPTIONS.map((a) => ({ id: a.id, values: a.values, default: a.default, description: a.description, cite: a.cite })),
    scenarios: SCENARIOS.map((s) => ({ id: s.id, title: s.title, cite: s.cite })),
    properties: KERNEL_PROPERTIES.map((p) => ({ id: p.id, name: p.name, description: p.description, cite: p.cite })),
  };
  if (parsed.values.json) {
    io.out(`${JSON.stringify(Object.fromEntries(wanted.map((w) => [w, data[w as keyof typeof data]])), null, 2)}\n`);
    return EXIT.holds;
  }
  const lines: string[] = [];
  const table = (rows: [string, string][]) => {
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [a, b] of rows) lines.push(`  ${a.padEnd(w)}  ${b}`);
  };
  for (const w of wanted) {
    if (lines.length > 0) lines.push('');
    if (w === 'versions') {
      lines.push('versions (--variant):');
      table(data.versions.map((v) => [v.id, `${v.title}  [${v.cite}]`]));
    } else if (w === 'assumptions') {
      lines.push('assumptions (--assume NAME=VALUE; default first in brackets):');
      table(data.assumptions.map((a) => [a.id, `{${a.values.join('|')}} [default ${a.default}]  ${firstSentence(a.description)}  [${a.cite}]`]));
    } else if (w === 'scenarios') {
      lines.push('scenarios (--scenario):');
      table(data.scenarios.map((s) => [s.id, `${s.title}  [${s.cite}]`]));
    } else {
      lines.push('properties:');
      table(data.properties.map((p) => [p.id, `${p.name}: ${p.description}  [${p.cite}]`]));
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT.holds;
};

function firstSentence(text: string): string {
  const i = text.search(/\.\s/);
  return i < 0 ? text : text.slice(0, i + 1);
}
