/**
 * The form a button opens when its Action asks for text (a number answer), and what comes back
 * when it is submitted. A view_submission says who submitted but not where the button was, so the
 * form carries its origin in private_metadata: the button's id (what to run), the channel, and the
 * click's response_url (to answer the student privately in that channel afterwards).
 */
import type { types, ViewErrorsResponseAction, ViewOutput } from '@slack/bolt';
import { z } from 'zod/v3';
import type { Form, FormField } from '../../../commands/types.js';
import { msg, t, type Lang } from '../../i18n/messages.js';
import { LIMITS } from './limits.js';
import { toPlainText, truncate } from './mrkdwn.js';

export const FORM_CALLBACK_ID = 'paramquiz.form';
const INPUT_BLOCK = 'input';
const INPUT_ACTION = 'text';

const Origin = z.object({
  /** The encoded button (dispatch.encodeButton). */
  button: z.string().min(1),
  channelId: z.string().min(1),
  responseUrl: z
    .string()
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol)),
});
export type FormOrigin = z.infer<typeof Origin>;

export interface Submission {
  readonly origin: FormOrigin;
  readonly text: string;
  /** The block a retypable mistake is shown under (the first field of several). */
  readonly errorBlock: string;
}

/** The block of a form's Nth field, when it has several (Form.fields). */
const fieldBlock = (i: number) => `field.${i}`;

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

/** One of several one-line fields, each optional (a table's row left blank is graded blank). */
const fieldInput = (f: FormField, i: number): types.InputBlock => ({
  type: 'input',
  block_id: fieldBlock(i),
  optional: true,
  label: plain(f.label, LIMITS.inputLabel),
  element: { type: 'plain_text_input', action_id: INPUT_ACTION, placeholder: plain(f.placeholder, LIMITS.inputPlaceholder) },
});

export function formView(form: Form, origin: FormOrigin, lang: Lang): types.ModalView {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(origin),
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(t(lang, msg('slack.submit')), LIMITS.modalButton),
    close: plain(t(lang, msg('slack.cancel')), LIMITS.modalButton),
    blocks: form.fields
      ? form.fields.map(fieldInput)
      : [
          {
            type: 'input',
            block_id: INPUT_BLOCK,
            label: plain(form.label, LIMITS.inputLabel),
            element: {
              type: 'plain_text_input',
              action_id: INPUT_ACTION,
              placeholder: plain(form.placeholder, LIMITS.inputPlaceholder),
              // Pasted code: several lines, as long as Slack lets a field be.
              ...(form.long ? { multiline: true, max_length: LIMITS.inputLong } : {}),
            },
          },
        ],
  };
}

/** The submitted form, or undefined for a view this version did not open (its metadata is not ours). */
export function readSubmission(view: ViewOutput): Submission | undefined {
  let metadata: unknown;
  try {
    metadata = JSON.parse(view.private_metadata);
  } catch {
    return undefined;
  }
  const origin = Origin.safeParse(metadata);
  if (!origin.success) return undefined;
  const values = view.state.values;
  // Several fields: their values one per line, in the fields' order (Form.fields).
  const fields = Object.keys(values)
    .filter((b) => /^field\.\d+$/.test(b))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  const text = fields.length > 0 ? fields.map((b) => values[b]?.[INPUT_ACTION]?.value ?? '').join('\n') : (values[INPUT_BLOCK]?.[INPUT_ACTION]?.value ?? '');
  return { origin: origin.data, text, errorBlock: fields[0] ?? INPUT_BLOCK };
}

/** Keeps the form open with `message` under the field, for a mistake the student can retype. */
export const fieldError = (message: string, block: string = INPUT_BLOCK): ViewErrorsResponseAction => ({
  response_action: 'errors',
  errors: { [block]: toPlainText(message) },
});
