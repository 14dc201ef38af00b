/**
 * autocannon's setupRequest for the distinct-specs load (it runs in autocannon's worker thread,
 * hence a module of its own): every request asks a spec drawn from 100,000 different ones, so the
 * bot's cache of recent answers practically never hits, and is signed as Slack would sign it.
 */
import { SIGNING_SECRET, commandBody, signatureHeaders, slashCommand } from '../test/support/fake-slack.js';

/** The student both loads ask as. */
export const BENCH_STUDENT = { id: 'U0BENCH', name: 'student' };

interface RawRequest {
  body?: string;
  headers?: Record<string, string>;
}

export default function setupRequest(request: RawRequest): RawRequest {
  const n = 1 + Math.floor(Math.random() * 100_000);
  const body = commandBody(slashCommand(BENCH_STUDENT, '/count', `dense ${n} 10`, { channel: 'C0BENCH', responseUrl: process.env.PARAMQUIZ_BENCH_RESPONSE_URL ?? '' }));
  request.body = body;
  request.headers = { ...request.headers, 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, SIGNING_SECRET) };
  return request;
}
