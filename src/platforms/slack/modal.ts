/**
 * The form a button opens when its Action asks for text (a number answer), and what comes back
 * when it is submitted. A view_submission says who submitted but not where the button was, so the
 * form carries its origin in private_metadata: the button's id (what to run), the channel, and the
 * click's response_url (to answer the student privately in that channel afterwards).
 */
import type { types, ViewErrorsResponseAction, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import type { Form } from '../../../commands/types.js';
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
  responseUrl: z.url({ protocol: /^https?$/ }),
});
export type FormOrigin = z.infer<typeof Origin>;


export interface Submission {
  readonly origin: FormOrigin;
  readonly text: string;
}

export function formView(form: Form, origin: FormOrigin, lang: Lang): types.ModalView {
  const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(origin),
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(t(lang, msg('slack.submit')), LIMITS.modalButton),
    close: plain(t(lang, msg('slack.cancel')), LIMITS.modalButton),
    blocks: [
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
  return { origin: origin.data, text: view.state.values[INPUT_BLOCK]?.[INPUT_ACTION]?.value ?? '' };
}

/** Keeps the form open with `message` under the field, for a mistake the student can retype. */
export const fieldError = (message: string): ViewErrorsResponseAction => ({
  response_action: 'errors',
  errors: { [INPUT_BLOCK]: toPlainText(message) },
});
