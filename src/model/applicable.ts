/**
 * Which kernel properties a scenario x version model carries. D2 is the explorer's built-in
 * `deadlock`; D5 needs a size extension, which only the EOF scenario has.
 */
export function applicableProperties(scenario: string, _variant: string): string[] {
  const ids = ['D1', 'D1-literal', 'D1-next', 'deadlock', 'D3', 'D4', 'D6', 'D7', 'D8'];
  if (scenario === 'EOF') ids.push('D5');
  return ids;
}

/**
 * Why a kernel property is not checked by a scenario's model, or undefined when the property
 * is not a kernel property or does apply: `--property D5` on C1 is explained, not "unknown".
 */
export function notApplicableReason(scenario: string, property: string): string | undefined {
  if (property === 'D5' && scenario !== 'EOF') {
    return `property D5 (NoPostEOFExposure) does not apply to scenario ${scenario}: it needs a size extension after the zeroing, which only scenario EOF has`;
  }
  return undefined;
}
