/** The worker thread behind TeacherPool: builds one teacher's question at a time. */
import { serve } from '../workers/serve.js';
import { teacherQuestion, type TeacherBuilt } from './teacher.js';
import type { TeacherJob } from './teacher-pool.js';

void serve<TeacherJob, TeacherBuilt>((job) => teacherQuestion(job.def, job.seed));
