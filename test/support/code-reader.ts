/**
 * Every test file runs with the code reader in hand. The engine loads it at the first paste with
 * `require` (src/engine/code/reader.ts), which finds the built read.js but not the TypeScript the
 * tests run; so here it is imported and handed over. The built bot's own path, the lazy load, runs
 * wherever a test spawns the build: the CLI's pastes (test/cli.test.ts), the count sandboxes
 * (test/discord/paste.test.ts); and test/architecture/imports.test.ts holds the main process to
 * loading the reader only that way.
 */
import { readCode } from '../../src/engine/code/read.js';
import { provideCodeReader } from '../../src/engine/code/reader.js';

provideCodeReader(readCode);
