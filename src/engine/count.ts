/**
 * The engine's front door: /count text in, evaluated report out. Pure (no I/O); the renderers in
 * render.ts and json.ts turn the result into text.
 */
import { applyLora, loraMisreadings, type LoraSummary } from './lora.js';
import { misreadings, type Misreading } from './mistakes.js';
import { evaluateModel, summarize, type Report } from './model.js';
import type { Preset } from './presets/index.js';
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
  /** Set when the request ends with `lora ...`: PEFT's view of the adapted model. */
  readonly lora: LoraSummary | undefined;
  /**
   * The same spec under the other framework's conventions, when any layer counts differently
   * there; undefined when they agree or the other framework cannot express the spec.
   */
  readonly other: Report | undefined;
}

export function evaluateRequest(request: Request, fallback: Framework = 'keras'): CountResult {
  const { body } = request;
  const preset = body.head.t === 'preset' ? body.head.preset : undefined;
  const framework = request.framework ?? preset?.native ?? fallback;
  const evaluate = (fw: Framework): { report: Report; lora: LoraSummary | undefined } => {
    const { input, nodes } = bodyNodes(body, fw, request.seq);
    // explain-preset of a library def shows its text only: nothing to evaluate.
    if (nodes.length === 0 && input === undefined) return { report: summarize(fw, [], [], [], [], 0n), lora: undefined };
    const report = evaluateModel(nodes, input, fw);
    if (body.lora === undefined) return { report, lora: undefined };
    const adapted = applyLora(report, body.lora);
    return { report: adapted.report, lora: adapted.summary };
  };
  const { report, lora } = evaluate(framework);
  let other: Report | undefined;
  if (report.rows.some((r) => r.record.conventionSensitive)) {
    try {
      const alt = evaluate(framework === 'keras' ? 'pytorch' : 'keras').report;
      other = alt.counts.total === report.counts.total && alt.counts.trainable === report.counts.trainable ? undefined : alt;
    } catch (e) {
      if (!(e instanceof SpecError)) throw e; // the other framework refuses this spec: nothing to compare
    }
  }
  const only = body.nodes[0];
  return {
    request,
    framework,
    report,
    single: body.head.t === 'none' && body.nodes.length === 1 && only?.t === 'layer' && only.label === undefined && only.tie === undefined && body.lora === undefined,
    preset,
    lora,
    other,
  };
}

/** Parse and evaluate in one step. Throws SpecError (one clear message) on bad input. */
export function count(text: string, fallback: Framework = 'keras'): CountResult {
  return evaluateRequest(parseRequest(text), fallback);
}

/** Every common mistake worked out on a counted request: the model as a student who makes it counts it. */
export function misread(result: CountResult): Misreading[] {
  // An adapted model is misread in its adapters (the base is frozen and counted as it is).
  if (result.lora !== undefined) return loraMisreadings(result.report, result.lora);
  const { input, nodes } = bodyNodes(result.request.body, result.framework, result.request.seq);
  return misreadings(nodes, input, result.framework, result.report);
}
