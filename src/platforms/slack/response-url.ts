/**
 * Answers through a request's response_url: POST the message as JSON, fail unless Slack says 2xx.
 * This is what Bolt's respond() does, on node:http(s) with kept-alive connections instead of
 * fetch: under load fetch cost about three times as much per answer, and that was most of the
 * bot's work after the ack.
 */
import http from 'node:http';
import https from 'node:https';
import type { RespondArguments } from '@slack/bolt';

export type Respond = (message: RespondArguments) => Promise<void>;

/** Slack answers a response_url at once; a hung one must not hold a listener for ever. */
const TIMEOUT_MS = 10_000;

export class ResponseUrls {
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  /** A poster for `url`; the URL is read when something is posted (most quick answers ride on the ack). */
  respondTo(url: string): Respond {
    return (message) =>
      new Promise<void>((resolve, reject) => {
        const target = new URL(url);
        const secure = target.protocol === 'https:';
        if (!secure && target.protocol !== 'http:') throw new Error(`a response_url must be http(s), not ${target.protocol}`);
        const request = secure ? https.request : http.request;
        const agent = secure ? this.agents.https : this.agents.http;
        const body = JSON.stringify(message);
        const req = request(
          target,
          { method: 'POST', agent, timeout: TIMEOUT_MS, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              if (status >= 200 && status < 300) resolve();
              else reject(new Error(`the response_url answered ${status}`));
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`the response_url did not answer within ${TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end(body);
      });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
