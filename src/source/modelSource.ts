/**
 * Where a model comes from, as a value every artefact records (ITF traces, matrix cells, job
 * payloads): a user's module file with its parameters, or a built-in kernel scenario with its
 * version, assumptions and (for a layout sweep's witness) the generated layout. A trace is
 * re-executed later by rebuilding the very same model from this value.
 *
 * Why its own folder: reports write it and the command line reads it; neither should import
 * the other to share a type.
 */
import type { ParamValue } from '../explorer/params.ts';

export type ParamValues = Readonly<Record<string, ParamValue>>;

export type ModelSource =
  | {
      readonly kind: 'module';
      /** Absolute path of the module file. */
      readonly path: string;
      /** Parameter values (resolved against the module's declared params when it declares them). */
      readonly params: ParamValues;
      /** sha256 of the module file's text when it was loaded: a replay checks it is the same file. */
      readonly sha256?: string;
    }
  | {
      readonly kind: 'kernel';
      /** The kernel profile (ext4-iomap when absent: traces written before profiles existed). */
      readonly profile?: string;
      /** A built-in scenario, or absent when `layout` gives the start. */
      readonly scenario?: string;
      readonly variant: string;
      readonly assumptions: ParamValues;
      /** A generated layout id (`zrcheck layouts`): the start, the caller and the flusher. */
      readonly layout?: string;
      /** A mix of facts no kernel ships was asked for (and is labelled). */
      readonly counterfactual?: boolean;
    };

/** `NAME=VALUE` text of a record, in key order: how params appear in reports and replays. */
export function formatParams(params: ParamValues): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(' ');
}

/** One line naming a model source, for messages and report headers. */
export function describeSource(source: ModelSource): string {
  if (source.kind === 'module') {
    const p = formatParams(source.params);
    return p === '' ? source.path : `${source.path} (${p})`;
  }
  const a = formatParams(source.assumptions);
  const extra = [a, source.counterfactual ? 'COUNTERFACTUAL' : ''].filter((x) => x !== '').join('; ');
  const what = source.layout !== undefined ? `layout ${source.layout}` : `scenario ${source.scenario}`;
  return `${source.profile ?? 'ext4-iomap'} ${what} variant ${source.variant}${extra === '' ? '' : ` (${extra})`}`;
}
