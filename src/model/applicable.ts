/**
 * Which kernel properties a scenario x version model carries. D2 is the explorer's built-in
 * `deadlock`; D5 needs a size extension, which only the EOF scenario has.
 */
export function applicableProperties(scenario: string, _variant: string): string[] {
  const ids = ['D1', 'D1-literal', 'D1-next', 'deadlock', 'D3', 'D4', 'D6', 'D7', 'D8'];
  if (scenario === 'EOF') ids.push('D5');
  return ids;
}
