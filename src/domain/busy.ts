/**
 * The one signal for "transient, try again": the store (either engine) stayed locked or away past
 * its budget, and nothing was written. Whoever answers a person tells them "busy, try again".
 */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed busy for ${waitedMs} ms`);
    this.name = 'StoreBusyError';
  }
}
