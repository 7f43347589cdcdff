/**
 * `zrcheck list [profiles|versions|assumptions|scenarios|properties|mechanisms]... [--profile ID] [--json]`:
 * the kernel model's ids with their citations, so a user can find what `check --profile
 * --scenario --variant --assume` and `matrix` take. Profiles come with their facts (each with
 * its status and source); versions and assumptions are per profile.
 */
import { KERNEL_PROPERTIES } from '../../properties/kernel/index.ts';
import { MECHANISMS } from '../../properties/kernel/mechanisms.ts';
import { PROFILES, SCENARIOS, type Profile } from '../../model/index.ts';
import { EXIT, type Command } from '../io.ts';
import { parseCommand, usageError } from './shared.ts';

const SECTIONS = ['profiles', 'versions', 'assumptions', 'scenarios', 'properties', 'mechanisms'] as const;
const USAGE = `usage: zrcheck list [${SECTIONS.join('|')}]... [--profile ID] [--json]`;

const HELP = `${USAGE}

Lists the kernel model's ids with their citations. With no section, all of them.

  profiles      the kernels (--profile): each one's facts (lock order, handle kinds,
                allocation, I/O end, ...) with status (VERIFIED / INFERRED / UNVERIFIED)
                and source, and its counterfactual switches (--counterfactual)
  versions      the zeroing code versions of each profile (--variant)
  assumptions   each profile's open questions (--assume NAME=VALUE, every value, default)
  scenarios     the built-in scenarios (--scenario), with their setup programs' stories
  properties    D1..D8 (--property)
  mechanisms    the named ways a property breaks, as the matrix and layouts report them

  --profile ID  only this profile (ext4-iomap, ext4-bh, xfs)
  --json        one JSON object with the asked sections

Exit: 0, or 2 for an unknown section or profile.`;

function profileData(p: Profile) {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    cite: p.cite,
    facts: p.facts.map((f) => ({ id: f.id, text: f.text, status: f.status, cite: f.cite })),
    counterfactualSwitches: p.overrides.map((o) => ({ id: o.id, values: [...o.values], conflict: o.conflict, cite: o.cite })),
    counterfactualVersions: p.foreignVersions.filter((f) => f.counterfactual).map((f) => ({ id: f.id, why: f.why })),
  };
}

export const listCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, { json: { type: 'boolean' }, profile: { type: 'string' } }, 'list', HELP);
  if (typeof parsed === 'number') return parsed;
  const wanted = parsed.positionals.length === 0 ? [...SECTIONS] : parsed.positionals;
  for (const w of wanted) {
    if (!(SECTIONS as readonly string[]).includes(w)) return usageError(io, `unknown section '${w}'; valid: ${SECTIONS.join(', ')}`, 'list');
  }
  const only = parsed.values.profile;
  if (only !== undefined && !PROFILES.some((p) => p.id === only)) {
    return usageError(io, `unknown profile '${only}'; valid: ${PROFILES.map((p) => p.id).join(', ')}`, 'list');
  }
  const profiles = PROFILES.filter((p) => only === undefined || p.id === only);
  const data = {
    profiles: profiles.map(profileData),
    versions: profiles.flatMap((p) => p.versions.map((v) => ({ profile: p.id, id: v.id, title: v.title, cite: v.cite }))),
    assumptions: profiles.flatMap((p) =>
      p.assumptions.map((a) => ({ profile: p.id, id: a.id, values: [...a.values], default: a.default, description: a.description, cite: a.cite })),
    ),
    scenarios: SCENARIOS.map((s) => ({ id: s.id, title: s.title, cite: s.cite })),
    properties: KERNEL_PROPERTIES.map((p) => ({ id: p.id, name: p.name, description: p.description, cite: p.cite })),
    mechanisms: MECHANISMS.map((m) => ({ id: m.id, title: m.title, properties: [...m.properties], cite: m.cite })),
  };
  if (parsed.values.json) {
    io.out(`${JSON.stringify(Object.fromEntries(wanted.map((w) => [w, data[w as keyof typeof data]])), null, 2)}\n`);
    return EXIT.holds;
  }
  const lines: string[] = [];
  const table = (rows: [string, string][], indent = '  ') => {
    const w = Math.max(0, ...rows.map((r) => r[0].length));
    for (const [a, b] of rows) lines.push(`${indent}${a.padEnd(w)}  ${b}`);
  };
  for (const w of wanted) {
    if (lines.length > 0) lines.push('');
    if (w === 'profiles') {
      lines.push('profiles (--profile):');
      for (const p of data.profiles) {
        lines.push(`  ${p.id}: ${p.title}  [${p.cite}]`);
        table(p.facts.map((f) => [f.id, `${f.text} (${f.status}) [${f.cite}]`]), '    ');
        if (p.counterfactualSwitches.length > 0 || p.counterfactualVersions.length > 0) {
          lines.push('    counterfactual (only with --counterfactual, labelled):');
          table(
            [
              ...p.counterfactualSwitches.map((o): [string, string] => [`--assume ${o.id}=${o.values.slice(1).join('|')}`, o.conflict]),
              ...p.counterfactualVersions.map((v): [string, string] => [`--variant ${v.id}`, v.why]),
            ],
            '      ',
          );
        }
      }
    } else if (w === 'versions') {
      lines.push('versions (--variant), per profile:');
      table(data.versions.map((v) => [`${v.profile} ${v.id}`, `${v.title}  [${v.cite}]`]));
    } else if (w === 'assumptions') {
      lines.push('assumptions (--assume NAME=VALUE), per profile:');
      table(data.assumptions.map((a) => [`${a.profile} ${a.id}`, `{${a.values.join('|')}} [default ${a.default}]  ${firstSentence(a.description)}  [${a.cite}]`]));
    } else if (w === 'scenarios') {
      lines.push('scenarios (--scenario):');
      table(data.scenarios.map((s) => [s.id, `${s.title}  [${s.cite}]`]));
    } else if (w === 'properties') {
      lines.push('properties:');
      table(data.properties.map((p) => [p.id, `${p.name}: ${p.description}  [${p.cite}]`]));
    } else {
      lines.push('mechanisms (how a property breaks; matrix and layouts name them):');
      table(data.mechanisms.map((m) => [m.id, `breaks ${m.properties.join(' ')}: ${m.title}  [${m.cite}]`]));
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT.holds;
};

function firstSentence(text: string): string {
  const i = text.search(/\.\s/);
  return i < 0 ? text : text.slice(0, i + 1);
}
