/** What every picture shares: colours, type sizes, and numbers in a chart's short scale. */
import { formatInt } from '../engine/format.js';

export const COLOUR = {
  text: '#1f2328',
  muted: '#59636e',
  grid: '#d0d7de',
  trainable: '#3b6fb6',
  nonTrainable: '#e08a2e',
  highlight: '#1d4f91',
  weight: '#3b6fb6',
  bias: '#e08a2e',
  recurrent: '#5a9e4b',
  good: '#2f8f46',
  bad: '#c2413b',
  series: ['#3b6fb6', '#e08a2e', '#5a9e4b', '#c2413b', '#8a63b8', '#8c6d5a', '#d16fa8', '#6f7780', '#b5a33a', '#3aa6b5', '#e0a92e', '#4d5fb0'],
} as const;

export const SIZE = { title: 20, subtitle: 13, label: 12, small: 11 } as const;

export const TITLE = {
  left: 16,
  top: 10,
  textStyle: { fontSize: SIZE.title, fontWeight: 'bold', color: COLOUR.text },
  subtextStyle: { fontSize: SIZE.subtitle, color: COLOUR.muted },
} as const;

/** 138357544 -> "138.4M": axis ticks only; exact counts are printed where they are read. */
export function short(n: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) return `${Number((n / size).toFixed(n / size >= 100 ? 0 : 1))}${unit}`;
  }
  return formatInt(Math.round(n));
}

/** part/whole as a whole percentage, exactly rounded: 102764544 of 138357544 -> "74%". */
export function percentOf(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0%';
  return `${(part * 100n + whole / 2n) / whole}%`;
}

/** A label that fits its place: cut with an ellipsis past `max` characters. */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
