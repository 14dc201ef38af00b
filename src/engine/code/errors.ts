/**
 * How the reader refuses. Two kinds of failure, kept apart on purpose:
 *  - a refusal (SpecError): the paste uses something the reader does not understand, or reaches a
 *    limit; it names the line and is never caught by the paste's own `try`;
 *  - a Python exception (PyException): what Python itself would raise (KeyError, TypeError, ...);
 *    the paste's `try/except` may catch it, and uncaught it becomes a refusal naming its line.
 */
import { SpecError } from '../errors.js';
import { limitMessage, type LimitName } from './limits.js';
import { msg, type MessageKey, type MessageParams, type MessageRef } from '../../i18n/messages.js';

/** A refusal that already names its line (lexer, parser, or wrapped at the evaluator's edge). */
export class CodeError extends SpecError {
  constructor(
    readonly line: number,
    readonly inner: MessageRef,
    source: string,
  ) {
    super(line > 0 ? msg('code.atLine', { line: String(line), source, inner }) : inner);
  }
}

/** A refusal whose line is filled in by the evaluator (the innermost pasted line running). */
export class Refusal extends SpecError {}

/** Refuses because a paste reached one of the reader's limits. */
export function overLimit(name: LimitName): never {
  throw new Refusal(limitMessage(name));
}

export function refuse<K extends MessageKey>(key: K, ...params: MessageParams<K>): never {
  throw new Refusal(msg(key, ...params));
}

/** The Python exception types the reader raises; `except Exception` catches them all. */
export type PyType =
  | 'AssertionError'
  | 'AttributeError'
  | 'IndexError'
  | 'KeyError'
  | 'NameError'
  | 'NotImplementedError'
  | 'RuntimeError'
  | 'StopIteration'
  | 'TypeError'
  | 'UnboundLocalError'
  | 'ValueError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'Exception';

/** The parents of each type, for `except LookupError` and friends. */
export const PY_BASES: Readonly<Record<string, readonly string[]>> = {
  KeyError: ['LookupError', 'Exception', 'BaseException'],
  IndexError: ['LookupError', 'Exception', 'BaseException'],
  UnboundLocalError: ['NameError', 'Exception', 'BaseException'],
  NotImplementedError: ['RuntimeError', 'Exception', 'BaseException'],
  ZeroDivisionError: ['ArithmeticError', 'Exception', 'BaseException'],
  OverflowError: ['ArithmeticError', 'Exception', 'BaseException'],
  Exception: ['BaseException'],
};

export class PyException extends Error {
  constructor(
    readonly pyType: string,
    readonly ref: MessageRef,
  ) {
    super(pyType);
    this.name = 'PyException';
  }
  /** Whether `except NAME` catches it. */
  isA(name: string): boolean {
    if (name === this.pyType || name === 'BaseException') return true;
    const bases = PY_BASES[this.pyType] ?? ['Exception', 'BaseException'];
    return bases.includes(name);
  }
}

export function raise<K extends MessageKey>(type: PyType, key: K, ...params: MessageParams<K>): never {
  throw new PyException(type, msg(key, ...params));
}

/** The source line as shown in a message: trimmed, and cut short when long. */
export function excerpt(line: string): string {
  const s = line.trim();
  return s.length > 70 ? `${s.slice(0, 67)}…` : s;
}
