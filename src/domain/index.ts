/**
 * The floor every other floor stands on: the records the quiz, the store, the reports, the commands
 * and the platforms exchange. Plain data and its encodings; no I/O.
 */
export * from './vocabulary.js';
export * from './ask.js';
export * from './scopes.js';
export * from './rounds.js';
export * from './boards.js';
export * from './schedules.js';
export * from './practice.js';
export * from './reports.js';
export * from './questions.js';
export * from './busy.js';
export * from './tables.js';
