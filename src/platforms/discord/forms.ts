/**
 * The modal a form opens on Discord: one text field, short for an answer, a paragraph for pasted
 * code. Its id is the button's, so the submission runs the same action with the same parameters,
 * and the typed text as input.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { Form } from '../../../commands/types.js';
import { clip, LIMIT } from './limits.js';

/** The one text field of a modal. */
export const MODAL_INPUT = 'input';

export function modalFor(customId: string, form: Form): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(MODAL_INPUT)
    .setStyle(form.long ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setRequired(true)
    .setMaxLength(form.long ? LIMIT.inputLong : LIMIT.inputShort)
    .setPlaceholder(clip(form.placeholder, LIMIT.inputPlaceholder));
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(clip(form.title, LIMIT.modalTitle))
    .addLabelComponents(new LabelBuilder().setLabel(clip(form.label, LIMIT.inputLabel)).setTextInputComponent(input));
}
