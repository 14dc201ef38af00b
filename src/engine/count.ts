/**
 * The engine's front door: /count text in, evaluated report out. Pure (no I/O); the renderers in
 * render.ts and json.ts turn the result into text.
 */
import { readCode } from './code/read.js';
import type { CodeSummary } from './code/report.js';
import { evaluateModel, type Report } from './model.js';
import { nativeFramework, type Preset } from './presets/index.js';
import { bodyNodes, parseRequest, type Request } from './spec.js';
import { SpecError } from './errors.js';
import type { Framework } from './types.js';

export interface CountResult {
  readonly request: Request;
  readonly framework: Framework;
  readonly report: Report;
  /** One layer on its own (no input, no preset): rendered as a worked explanation. */
  readonly single: boolean;
  readonly preset: Preset | undefined;
  /**
   * The same spec under the other framework's conventions, when any layer counts differently
   * there; undefined when they agree or the other framework cannot express the spec.
   */
  readonly other: Report | undefined;
  /** Pasted code: the model's name, its rows as named in the code, and whether shapes are known. */
  readonly code: CodeSummary | undefined;
}

export function evaluateRequest(request: Request, fallback: Framework = 'keras'): CountResult {
  if (request.t === 'code') {
    const read = readCode(request.source, request.framework);
    return { request, framework: read.framework, report: read.report, single: read.single, preset: undefined, other: undefined, code: read.summary };
  }
  const { body } = request;
  const preset = body.head.t === 'preset' ? body.head.preset : undefined;
  const framework = request.framework ?? (preset ? nativeFramework(preset) : fallback);
  const evaluate = (fw: Framework) => {
    const { input, nodes } = bodyNodes(body, fw);
    return evaluateModel(nodes, input, fw);
  };
  const report = evaluate(framework);
  let other: Report | undefined;
  if (report.rows.some((r) => r.record.conventionSensitive)) {
    try {
      const alt = evaluate(framework === 'keras' ? 'pytorch' : 'keras');
      other = alt.counts.total === report.counts.total && alt.counts.trainable === report.counts.trainable ? undefined : alt;
    } catch (e) {
      if (!(e instanceof SpecError)) throw e; // the other framework refuses this spec: nothing to compare
    }
  }
  return {
    request,
    framework,
    report,
    single: body.head.t === 'none' && body.layers.length === 1,
    preset,
    other,
    code: undefined,
  };
}

/** Parse and evaluate in one step. Throws SpecError (one clear message) on bad input. */
export function count(text: string, fallback: Framework = 'keras'): CountResult {
  return evaluateRequest(parseRequest(text), fallback);
}
