/**
 * Footprints of the kernel model's rules (src/explorer/model.ts Footprint): per rule, the
 * fields its guard reads, the fields its update reads and writes, and the program-counter
 * value its guard needs (`when`), for partial-order reduction (--por). test/model/footprints
 * checks every declaration with --verify-footprints' traced search over every matrix cell and
 * every 1-block layout (and a sample of 2-block ones) of every profile and version.
 *
 * Why whole fields, not elements: a step indexes blocks and folios through cursors held in
 * the state (fCursor, zPos, wFolio, cCursor), so which element it touches is not known before
 * the state is; a footprint names every element of such a field.
 *
 * Why a table by rule name, not a field on each rule: the rules are spread over the threads'
 * files and several are built per folio or per block with the number in the name; one table
 * keeps the declarations next to each other (a rule's name with its numbers as `#`), and a
 * rule it does not cover simply has no footprint, which --por refuses with the rule's name.
 * The table is in two files: the zeroing caller's rules (zeroer.ts) and the other threads'
 * (actors.ts).
 * The sets were first taken from traced runs and then widened to what the shared helpers can
 * touch (submitFolio, the handle start and stop, the end of writeback), so a path those runs
 * did not take stays inside its declaration. Every `when` is a conjunct of its rule's guard:
 * the thread's program counter (zPc, fPc, bPc, cPhase; the worker's wBusy) or, for the commit
 * steps after T_LOCKED, the transaction state.
 */
import type { Rule } from '../../explorer/define.ts';
import { ACTOR_FOOTPRINTS } from './actors.ts';
import { ZEROER_FOOTPRINTS } from './zeroer.ts';

/** Rule name (numbers written `#`) -> footprint. */
const byPattern = new Map([...ZEROER_FOOTPRINTS, ...ACTOR_FOOTPRINTS].map(([name, f]) => [name, f]));

/** The rule's name with every number written `#`: the table's key. */
export function footprintKey(name: string): string {
  return name.replace(/\d+/g, '#');
}

/** The rules with their declared footprints attached (a rule the table does not name keeps none). */
export function withFootprints(rules: readonly Rule[]): Rule[] {
  return rules.map((r) => {
    const footprint = byPattern.get(footprintKey(r.name));
    return footprint === undefined ? r : { ...r, footprint };
  });
}
