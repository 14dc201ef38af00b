/**
 * The code reader, loaded at the first paste instead of with the engine. It is the Python and
 * Keras interpreter with its libraries, a quarter of the engine's code, and the bot's main process
 * reads code only for a teacher's pasted model (users' pastes are read in the count sandboxes): a
 * module once loaded stays resident, about 1.3 MB of the main process's heap when quiet
 * (bench/discord.ts). Node (20.19 and later) loads an ES module synchronously with `require`, so
 * counting stays synchronous; the first paste a process reads waits for the load, once (about 35 ms
 * on a loaded 2-core machine, against 1.4 ms for the paste itself).
 */
import { createRequire } from 'node:module';
import type * as Read from './read.js';

export type ReadCode = typeof Read.readCode;

let loaded: ReadCode | undefined;

export function codeReader(): ReadCode {
  return (loaded ??= (createRequire(import.meta.url)('./read.js') as typeof Read).readCode);
}

/**
 * For a host that runs the TypeScript sources (the tests), where `require` finds no `read.js`: it
 * imports the reader itself and hands it over.
 */
export function provideCodeReader(read: ReadCode): void {
  loaded = read;
}
