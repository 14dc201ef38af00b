/** The sandbox behind QuestionFilePool: reads one question file at a time. */
import { serve } from '../workers/serve.js';
import { readQuestionFile } from './read.js';
import type { FileRead, FileRequest } from './rows.js';

void serve<FileRequest, FileRead>(readQuestionFile);
