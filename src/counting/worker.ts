/**
 * The worker thread behind CountPool: answers one spec at a time. A spec that takes too long or
 * grows the heap past its limit costs only this thread, which the pool ends and replaces.
 */
import type { Lang } from '../i18n/messages.js';
import { serve } from '../workers/serve.js';
import { answerSpec, type CountAnswer } from './answer.js';

export interface CountRequest {
  readonly spec: string;
  readonly lang: Lang;
}

void serve<CountRequest, CountAnswer>((req) => answerSpec(req.spec, req.lang));
