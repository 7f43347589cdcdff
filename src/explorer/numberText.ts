/**
 * Integers as people read them: 1234567 -> "1,234,567" (en-US grouping). Written out rather
 * than `toLocaleString('en-US')` because that call's first use loads ICU's number data, about
 * 17 ms of every command's run on this machine class, more than a small search takes.
 */

/** `n` rounded to an integer, with commas between groups of three digits (-0 prints as 0). */
export function groupedInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n);
  const digits = String(Math.abs(r));
  // Beyond 1e21 String() switches to exponent form, which has no digit groups to insert.
  if (!/^\d+$/.test(digits)) return String(r);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return r < 0 ? `-${out}` : out;
}
