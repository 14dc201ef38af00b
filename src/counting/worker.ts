/**
 * The worker thread behind CountPool: answers one spec at a time. A spec that takes too long or
 * grows the heap past its limit costs only this thread, which the pool ends and replaces.
 */
import { parentPort } from 'node:worker_threads';
import type { Lang } from '../i18n/messages.js';
import { answerSpec } from './answer.js';

export interface CountRequest {
  readonly id: number;
  readonly spec: string;
  readonly lang: Lang;
}

parentPort?.on('message', (req: CountRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, answer: answerSpec(req.spec, req.lang) });
  } catch (err) {
    parentPort!.postMessage({ id: req.id, failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
