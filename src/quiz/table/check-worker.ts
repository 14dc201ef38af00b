/** The worker thread behind TableCheckPool: checks one pasted table, or grades one table answer, at a time. */
import { serve } from '../../workers/serve.js';
import { tableWork, type TableJob, type TableResult } from './check-pool.js';

void serve<TableJob, TableResult>(tableWork);
