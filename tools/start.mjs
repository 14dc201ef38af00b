#!/usr/bin/env node
/**
 * `npm start`: builds if a source is newer than the build (tools/build.mjs; `npm ci` built at
 * install time, so this is a check of a few milliseconds), then runs the bot in this same process:
 * one Node start rather than two, which on a loaded 2-core machine is a few hundred milliseconds
 * of the wait for the first prompt. The V8 flags npm start gives apply to the bot as before.
 */
import { build, isCurrent } from './build.mjs';

if (!isCurrent()) {
  const status = build();
  if (status !== 0) process.exit(status);
}
await import('../dist/src/main.js');
