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

/** A record with the input and freezing it was made for. */
class Met<R> {
  constructor(
    readonly input: Shape,
    readonly frozen: boolean,
    readonly record: R,
  ) {}
}

/**
 * A text's records once it has more than one, in the order they were made. A text's first record,
 * when not frozen, is kept alone: the record holds its input, and a model of distinct layers (every
 * text met once) then makes no Met at all.
 */
class Mets<R> {
  readonly list: Met<R>[];
  /**
   * Where `find` looks first: the record after the one it found last. The other framework's
   * totals ask for a model's records in the order its own evaluation made them, so a ReLU after
   * every layer (one text, a new input each time) is found at once, not past the last COMPARED.
   */
  next = 0;

  constructor(first: Met<R>) {
    this.list = [first];
  }
}

/**
 * How many inputs of one text are compared before evaluating again, the newest first. A chain of
 * equal layers that shrinks its input (`conv 8 3` a thousand times, no padding) meets a new input
 * at every layer: comparing against all of them would cost the square of the layers, for no record
 * shared.
 */
const COMPARED = 8;

/** Records, or outcomes alone (LayerOutcome: a model's totals), as `evaluate` makes them. */
export class LayerMemo<R extends LayerOutcome> {
  private readonly byText = new Map<string, Mets<R> | R>();

  /** `frozen`: inside a frozen group, so the record (and its mistakes) say so. */
  constructor(private readonly evaluate: (layer: Layer, input: Shape, frozen: boolean) => R) {}

  /** The layer's record on `input`. */
  record(layer: Layer, input: Shape, frozen: boolean): R {
    const text = layer.print();
    const met = this.byText.get(text);
    const known = met instanceof Mets ? newest(met, input, frozen) : alone(met, input, frozen);
    if (known !== undefined) return known;
    const record = this.evaluate(layer, input, frozen);
    if (met instanceof Mets) met.list.push(new Met(input, frozen, record));
    else if (met !== undefined) {
      const mets = new Mets(new Met(met.input, false, met));
      mets.list.push(new Met(input, frozen, record));
      this.byText.set(text, mets);
    }
    // A frozen first record is kept with its freezing: alone, a record is taken as not frozen.
    else this.byText.set(text, frozen ? new Mets(new Met(input, frozen, record)) : record);
    return record;
  }

  /** The layer's record on `input` if one was made, none made if not. */
  find(layer: Layer, input: Shape, frozen: boolean): R | undefined {
    const met = this.byText.get(layer.print());
    if (!(met instanceof Mets)) return alone(met, input, frozen);
    const following = met.list[met.next];
    if (following !== undefined && matches(following, input, frozen)) {
      met.next++;
      return following.record;
    }
    return newest(met, input, frozen);
  }
}

/** A text's only record, if made on `input` (a record kept alone is not frozen). */
function alone<R extends LayerOutcome>(record: R | undefined, input: Shape, frozen: boolean): R | undefined {
  return record !== undefined && !frozen && sameShape(record.input, input) ? record : undefined;
}

/** The record among the newest COMPARED of a text's that was made on `input`. */
function newest<R>(mets: Mets<R>, input: Shape, frozen: boolean): R | undefined {
  const { list } = mets;
  for (let i = list.length - 1; i >= 0 && i >= list.length - COMPARED; i--) {
    if (matches(list[i]!, input, frozen)) return list[i]!.record;
  }
  return undefined;
}

function matches<R>(met: Met<R>, input: Shape, frozen: boolean): boolean {
  return met.frozen === frozen && (met.input === input || sameShape(met.input, input));
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
