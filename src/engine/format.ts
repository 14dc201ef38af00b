/** Number and shape formatting shared by every renderer. Counts are exact: no rounding here. */
import type { Shape } from './types.js';

/** 1792 -> "1,792", exact for any bigint (Intl would do, but is much slower on hot paths). */
export function formatInt(n: bigint | number): string {
  const s = typeof n === 'bigint' || !Number.isSafeInteger(n) ? BigInt(n).toString() : String(n);
  const neg = s.charCodeAt(0) === 45; // '-'
  const digits = neg ? s.slice(1) : s;
  if (digits.length <= 3) return s;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return neg ? `-${out}` : out;
}

/** A count in a short human scale for side remarks only (e.g. "138.4M"); the exact count is always shown too. */
export function formatScaled(n: bigint): string {
  const units: ReadonlyArray<readonly [bigint, string]> = [
    [10n ** 12n, 'T'],
    [10n ** 9n, 'G'],
    [10n ** 6n, 'M'],
    [10n ** 3n, 'K'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const tenths = (n * 10n + size / 2n) / size; // rounded to one decimal place
      return `${tenths / 10n}.${tenths % 10n}${unit}`;
    }
  }
  return n.toString();
}

/** Keras summary order: (None, 224, 224, 64); unknown sizes print as "?". */
export function formatKerasShape(shape: Shape): string {
  return `(None, ${shape.map((d) => (d === null ? '?' : String(d))).join(', ')})`;
}

/** Compact shape for prose: 224×224×64 */
export function formatShape(shape: Shape): string {
  return shape.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** Bytes of fp32 parameters in MiB with two decimals (Keras prints MB the same way). */
export function formatMiB(bytes: bigint): string {
  const hundredths = (bytes * 100n + 524288n) / 1048576n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} MiB`;
}

/** Bytes in GiB (2^30) with two decimals, rounded half up: "25.10 GiB". */
export function formatGiB(bytes: bigint): string {
  const hundredths = (bytes * 100n + 536870912n) / 1073741824n;
  return `${formatInt(hundredths / 100n)}.${(hundredths % 100n).toString().padStart(2, '0')} GiB`;
}

/** Bytes as MiB below one GiB, else GiB (both binary, two decimals). */
export function formatBytes(bytes: bigint): string {
  return bytes < 1073741824n ? formatMiB(bytes) : formatGiB(bytes);
}

/** n/d exactly when it divides, else to one decimal with "≈" (rates, not counts). */
export function formatQuotient(n: bigint, d: bigint): string {
  if (n % d === 0n) return formatInt(n / d);
  const tenths = (n * 10n + d / 2n) / d;
  return `≈${formatInt(tenths / 10n)}.${tenths % 10n}`;
}

/** a/b as a percentage with `digits` decimals, rounded half up on the exact fraction. */
export function formatPercent(a: bigint, b: bigint, digits: number): string {
  if (b === 0n) return (0).toFixed(digits);
  const scale = 10n ** BigInt(digits);
  const v = (a * 100n * scale * 2n + b) / (2n * b);
  return `${v / scale}.${(v % scale).toString().padStart(digits, '0')}`;
}
