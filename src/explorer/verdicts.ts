/**
 * Per-property verdicts over many runs (a layout sweep, a set of matrix cells, swarm members):
 * the soundness rule of `check` carried over to aggregates. A property holds over the set only
 * if every planned run decided that it holds; one violation makes it violated; anything else
 * (a run that hit a limit, was interrupted, or never ran) leaves it incomplete.
 */
import type { CheckOutcome } from './outcome.ts';

export type PropertyStatus = 'holds' | 'violated' | 'incomplete';

export interface PropertyTally {
  readonly property: string;
  /** Runs in which the property was violated. */
  violated: number;
  /** Runs that decided the property holds (exhaustively). */
  held: number;
  /** Runs that ran but did not decide it (a limit, an interruption, a stop at another violation). */
  undecided: number;
}

/** Counts, per property, how the runs of a set decided it. */
export class VerdictTally {
  private readonly byProperty = new Map<string, PropertyTally>();
  /** Runs added so far. */
  runs = 0;

  /** Adds one run's outcome (errors are the caller's to report; they decide nothing). */
  add(outcome: CheckOutcome): void {
    this.runs++;
    if (outcome.verdict === 'error') return;
    for (const p of outcome.properties) {
      const t = this.tally(p.property);
      if (p.status === 'violated') t.violated++;
      else if (p.status === 'holds') t.held++;
      else t.undecided++;
    }
  }

  private tally(property: string): PropertyTally {
    let t = this.byProperty.get(property);
    if (t === undefined) {
      t = { property, violated: 0, held: 0, undecided: 0 };
      this.byProperty.set(property, t);
    }
    return t;
  }

  /** Properties in the order first seen. */
  properties(): readonly PropertyTally[] {
    return [...this.byProperty.values()];
  }

  /**
   * The property's verdict over `planned` runs (the set's size, including runs never made):
   * holds only when all of them decided it holds.
   */
  status(property: string, planned: number): PropertyStatus {
    const t = this.byProperty.get(property);
    if (t === undefined) return 'incomplete';
    if (t.violated > 0) return 'violated';
    return t.held === planned ? 'holds' : 'incomplete';
  }
}
