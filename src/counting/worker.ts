/**
 * The sandbox behind CountPool: answers one spec at a time. A spec that takes too long or grows
 * the heap past its limit costs only this sandbox, which the pool ends and replaces.
 */
import { codeReader } from '../engine/code/reader.js';
import type { Lang } from '../i18n/messages.js';
import { serve } from '../workers/serve.js';
import { answerSpec, type CountAnswer } from './answer.js';

export interface CountRequest {
  readonly spec: string;
  readonly lang: Lang;
}

// This sandbox is where users' pastes are read: the code reader is loaded as it starts, not inside
// the first paste's job, whose deadline and the asker's share of sandbox time would pay for it.
codeReader();

void serve<CountRequest, CountAnswer>((req) => answerSpec(req.spec, req.lang));
