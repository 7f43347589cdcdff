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
  return r < 0 ? `-${groupDigits(digits)}` : groupDigits(digits);
}

/**
 * `x` with at most `fractionDigits` decimals (rounded half away from zero, trailing zeros
 * dropped) and its integer part grouped: 1000.5 -> "1,000.5", 0.0021000000000000003 ->
 * "0.002"; what toLocaleString('en-US') prints by default. -0 and what rounds to it print as 0.
 */
export function groupedNumber(x: number, fractionDigits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const fixed = Math.abs(x).toFixed(fractionDigits);
  if (!/^\d+(\.\d+)?$/.test(fixed)) return String(x);
  const [int, frac = ''] = fixed.split('.') as [string, string?];
  const f = frac.replace(/0+$/, '');
  const zero = /^0+$/.test(int) && f === '';
  return `${x < 0 && !zero ? '-' : ''}${groupDigits(int)}${f === '' ? '' : `.${f}`}`;
}

/** Commas between groups of three in a string of digits. */
function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}
