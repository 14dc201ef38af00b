/**
 * The modal a form opens on Discord: one text field, short for an answer, a paragraph for pasted
 * code. Its id is the button's, so the submission runs the same action with the same parameters,
 * and the typed text as input.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { Form } from '../../../commands/types.js';
import { clip, LIMIT } from './limits.js';

/** The one text field of a modal. */
export const MODAL_INPUT = 'input';

/** The id of a form's Nth field, when it has several (Form.fields). */
const fieldId = (i: number) => `field.${i}`;

export function modalFor(customId: string, form: Form): ModalBuilder {
  if (form.fields) {
    const labels = form.fields.map((f, i) =>
      new LabelBuilder()
        .setLabel(clip(f.label, LIMIT.inputLabel))
        .setTextInputComponent(
          new TextInputBuilder().setCustomId(fieldId(i)).setStyle(TextInputStyle.Short).setRequired(false).setMaxLength(LIMIT.inputShort).setPlaceholder(clip(f.placeholder, LIMIT.inputPlaceholder)),
        ),
    );
    return new ModalBuilder()
      .setCustomId(customId)
      .setTitle(clip(form.title, LIMIT.modalTitle))
      .addLabelComponents(...labels);
  }
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

/** What a submitted modal holds: its one field, or its several fields' values one per line. */
export function submittedText(interaction: ModalSubmitInteraction, form: Form | undefined): string {
  if (!form?.fields) return interaction.fields.getTextInputValue(MODAL_INPUT);
  return form.fields.map((_, i) => interaction.fields.getTextInputValue(fieldId(i)) ?? '').join('\n');
}
