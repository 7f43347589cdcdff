/**
 * Explaining a `--property NAME` the model does not check: for a kernel scenario, a property
 * of the kernel model that does not apply to that scenario gets the reason, not "unknown".
 */
import type { ModelSource } from '../../source/modelSource.ts';
import { notApplicableReason } from '../../model/applicable.ts';

export function propertyExplainer(source: ModelSource): ((name: string) => string | undefined) | undefined {
  if (source.kind !== 'kernel') return undefined;
  return (name) => notApplicableReason(source.scenario, name);
}
