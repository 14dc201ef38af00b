/** The worker thread behind TableCheckPool: checks one pasted table at a time. */
import { serve } from '../../workers/serve.js';
import { checkTable, type CheckResult } from './check.js';
import type { CheckJob } from './check-pool.js';

void serve<CheckJob, CheckResult>((job) => checkTable(job.lang, job.model, job.pasted));
