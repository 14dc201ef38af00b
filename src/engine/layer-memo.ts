/**
 * Records by a layer's canonical text and its input: the same layer on the same input (a repeated
 * block, a shared layer, a chain of equal layers) is evaluated once. Records are immutable, so rows
 * may share one.
 *
 * Keyed by the text alone, which a layer prints once and whose hash the string keeps; the inputs
 * met under one text are a short list, compared axis by axis. A key joining text and input was a
 * new string to build and hash at every layer, which a model of distinct layers paid for nothing.
 */
import type { Layer, LayerOutcome } from './layers/index.js';
import type { Shape } from './types.js';

/**
 * An input a layer's text was evaluated on besides the first, and those met before it (newest
 * first). A text's first record, when not frozen, is kept alone: the record holds its input, and
 * a model of distinct layers (every text met once) then makes no Met at all (64 bytes a layer).
 */
class Met<R> {
  constructor(
    readonly input: Shape,
    readonly frozen: boolean,
    readonly record: R,
    readonly before: Met<R> | R | undefined,
  ) {}
}

/**
 * How many inputs of one text are compared before evaluating again. A chain of equal layers that
 * shrinks its input (`conv 8 3` a thousand times, no padding) meets a new input at every layer:
 * comparing against all of them would cost the square of the layers, for no record shared.
 */
const COMPARED = 8;

/** Records, or outcomes alone (LayerOutcome: a model's totals), as `evaluate` makes them. */
export class LayerMemo<R extends LayerOutcome> {
  private readonly byText = new Map<string, Met<R> | R>();

  /** `frozen`: inside a frozen group, so the record (and its mistakes) say so. */
  constructor(private readonly evaluate: (layer: Layer, input: Shape, frozen: boolean) => R) {}

  /** The layer's record on `input`. */
  record(layer: Layer, input: Shape, frozen: boolean): R {
    const text = layer.print();
    const newest = this.byText.get(text);
    return this.met(newest, input, frozen) ?? this.remember(layer, text, input, frozen, newest);
  }

  /** The layer's record on `input` if one was made, none made if not. */
  find(layer: Layer, input: Shape, frozen: boolean): R | undefined {
    return this.met(this.byText.get(layer.print()), input, frozen);
  }

  /** The record among `newest` and those met before it that was made on `input`. */
  private met(newest: Met<R> | R | undefined, input: Shape, frozen: boolean): R | undefined {
    let met = newest;
    for (let i = 0; met !== undefined && i < COMPARED; i++) {
      if (!(met instanceof Met)) return !frozen && sameShape(met.input, input) ? met : undefined;
      if (met.frozen === frozen && sameShape(met.input, input)) return met.record;
      met = met.before;
    }
    return undefined;
  }

  private remember(layer: Layer, text: string, input: Shape, frozen: boolean, newest: Met<R> | R | undefined): R {
    const record = this.evaluate(layer, input, frozen);
    this.byText.set(text, newest === undefined && !frozen ? record : new Met(input, frozen, record, newest));
    return record;
  }
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
