/**
 * The --json output of DESIGN.md. Counts are exact: integers are written as JSON number literals
 * with all their digits, also past 2^53 (JSON has no limit; readers that need exactness there can
 * parse them as big integers).
 */
import { countTensors } from './counts.js';
import type { CountResult } from './count.js';
import { workedFormula } from './render.js';
import type { Shape } from './types.js';

const knownShape = (s: Shape): number[] | null => (s.every((d): d is number => d !== null) ? [...s] : null);

export function toJson(result: CountResult): string {
  const { report } = result;
  const doc = {
    framework: result.framework,
    total: report.counts.total,
    trainable: report.counts.trainable,
    nonTrainable: report.counts.nonTrainable,
    macs: report.macs,
    layers: report.rows.map((row) => {
      const c = countTensors(row.record.tensors);
      return {
        name: row.name,
        type: row.record.typeName,
        kind: row.record.kind,
        params: c.total,
        trainable: c.trainable,
        nonTrainable: c.nonTrainable,
        outputShape: result.code && result.code.shapes.known === false ? null : knownShape(row.record.outputShape),
        macs: row.record.macs,
        formula: workedFormula(row.record),
      };
    }),
  };
  // bigint -> a marker string, then the marker's quotes removed: exact digits, valid JSON.
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? `\u0000${v}\u0000` : v)).replace(/"\\u0000(-?\d+)\\u0000"/g, '$1');
}
