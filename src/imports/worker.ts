/** The sandbox behind QuestionFilePool: reads one question file at a time. */
import { serve } from '../workers/serve.js';
import { readQuestionFile, type FileRead, type FileRequest } from './read.js';

void serve<FileRequest, FileRead>(readQuestionFile);
