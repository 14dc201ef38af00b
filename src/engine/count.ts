/**
 * The engine's front door: /count text in, evaluated report out. Pure (no I/O); the renderers in
 * render.ts and json.ts turn the result into text.
 */
import { codeReader } from './code/reader.js';
import type { Counts } from './counts.js';
import type { CodeSummary } from './code/report.js';
import { applyLora, loraMisreadings, type LoraSummary } from './lora.js';
import { misreadings, type Misreading } from './mistakes.js';
import { evaluateModel, evaluateTotals, Records, summarize, type Node, type Report } from './model.js';
import type { Preset } from './presets/index.js';
import { bodyNodes, parseRequest, type Body, type Request } from './spec.js';
import { SpecError } from './errors.js';
import type { Framework } from './types.js';
import { msg, type MessageRef } from '../i18n/messages.js';

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
   * The same spec's totals under the other framework's conventions, when any layer counts
   * differently there; undefined when they agree or the other framework cannot express the spec.
   */
  readonly other: OtherConventions | undefined;
  /** Pasted code: the model's name, its rows as named in the code, and whether shapes are known. */
  readonly code: CodeSummary | undefined;
}

/**
 * What a count says of the other framework: its totals, nothing else. Its report is dropped as soon
 * as they are read, so the largest model keeps one framework's rows in memory, not two.
 */
export interface OtherConventions {
  readonly framework: Framework;
  readonly counts: Counts;
}

export function evaluateRequest(request: Request, fallback: Framework = 'keras'): CountResult {
  if (request.t === 'code') {
    const read = withLineBreakHint(request.source.lines, () => codeReader()(request.source, request.framework));
    return { request, framework: read.framework, report: read.report, single: read.single, preset: undefined, lora: undefined, other: undefined, code: read.summary };
  }
  const preset = request.body.head.t === 'preset' ? request.body.head.preset : undefined;
  const framework = request.framework ?? preset?.native ?? fallback;
  const { body, notes } = pytorchOrder(request.body, framework);
  // The count's own records, lent to the other framework's totals.
  const records = new Records(framework);
  const evaluate = (fw: Framework): { report: Report; lora: LoraSummary | undefined } => {
    const { input, nodes } = bodyNodes(body, fw, request.seq);
    // explain-preset of a library def shows its text only: nothing to evaluate.
    if (nodes.length === 0 && input === undefined) return { report: summarize(fw, [], [], [], [], 0n), lora: undefined };
    const evaluated = evaluateModel(nodes, input, fw, undefined, fw === framework ? records : undefined);
    const report = notes.length === 0 ? evaluated : { ...evaluated, notes: [...evaluated.notes, ...notes] };
    if (body.lora === undefined) return { report, lora: undefined };
    const adapted = applyLora(report, body.lora);
    return { report: adapted.report, lora: adapted.summary };
  };
  /** The other framework's totals: an adapted model's are its adapted report's, any other's are evaluated for the totals alone. */
  const totals = (fw: Framework): Counts => {
    if (body.lora !== undefined) return evaluate(fw).report.counts;
    const { input, nodes } = bodyNodes(body, fw, request.seq);
    return evaluateTotals(nodes, input, fw, records);
  };
  const { report, lora } = evaluate(framework);
  let other: OtherConventions | undefined;
  if (report.rows.some((r) => r.record.conventionSensitive)) {
    try {
      const otherFramework = framework === 'keras' ? 'pytorch' : 'keras';
      const counts = totals(otherFramework);
      other = counts.total === report.counts.total && counts.trainable === report.counts.trainable ? undefined : { framework: otherFramework, counts };
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
    code: undefined,
  };
}

/**
 * The layers a spec's count evaluated, as evaluateModel takes them (to evaluate again with one
 * layer misread); undefined for pasted code, which the code reader evaluates on its own.
 */
export function evaluatedNodes(result: CountResult): { input: readonly number[] | undefined; nodes: Node[] } | undefined {
  if (result.request.t !== 'spec') return undefined;
  return bodyNodes(pytorchOrder(result.request.body, result.framework).body, result.framework, result.request.seq);
}

/**
 * PyTorch writes images C×H×W: under --framework pytorch, `input 3x32x32` (a small first axis and
 * a larger last one) is read as C=3, H=32, W=32, and said so; a first axis of 1 or 3 kept as H×W×C
 * is said so too. The engine's shapes are channels last, so the input is reordered once, for both
 * frameworks' evaluations.
 */
function pytorchOrder(body: Body, framework: Framework): { body: Body; notes: MessageRef[] } {
  const head = body.head;
  if (framework !== 'pytorch' || head.t !== 'input' || (head.shape.length !== 3 && head.shape.length !== 4)) return { body, notes: [] };
  const shape = head.shape;
  const first = shape[0]!;
  const last = shape[shape.length - 1]!;
  const given = shape.join('x');
  if (first <= 4 && last > 4) {
    const reordered = [...shape.slice(1), first];
    return { body: { ...body, head: { t: 'input', shape: reordered } }, notes: [msg('note.channelsFirst', { given, reordered: reordered.join('x') })] };
  }
  if (first === 1 || first === 3) return { body, notes: [msg('note.channelsLastKept', { given, reordered: [...shape.slice(1), first].join('x') })] };
  return { body, notes: [] };
}

/** Parse and evaluate in one step. Throws SpecError (one clear message) on bad input. */
/**
 * A chat's command box (Discord's slash-command option) turns a paste's line breaks into spaces, and
 * Python without its lines cannot be read: when a one-line paste holds several statements, the
 * refusal says so and how to send the code whole.
 */
function withLineBreakHint<T>(lines: readonly string[], read: () => T): T {
  try {
    return read();
  } catch (e) {
    const statements = lines.length === 1 ? (lines[0]!.match(/(?:^|\s)(?:class|def|import|return|self\.\w+\s*=)\s/g) ?? []).length : 0;
    if (e instanceof SpecError && statements >= 2) throw new SpecError(msg('code.oneLine', { inner: e.ref }));
    throw e;
  }
}

export function count(text: string, fallback: Framework = 'keras'): CountResult {
  return evaluateRequest(parseRequest(text), fallback);
}

/** Every common mistake worked out on a counted request: the model as a student who makes it counts it. */
export function misread(result: CountResult): Misreading[] {
  // An adapted model is misread in its adapters (the base is frozen and counted as it is).
  if (result.lora !== undefined) return loraMisreadings(result.report, result.lora);
  // A pasted model is counted, not asked about: the quiz misreads specs only.
  const evaluated = evaluatedNodes(result);
  return evaluated ? misreadings(evaluated.nodes, evaluated.input, result.framework, result.report) : [];
}
