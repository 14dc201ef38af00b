/**
 * Discord's size limits that this bot can meet (a payload over any of them is refused whole), and
 * the one way text is fitted to them.
 */
export const LIMIT = {
  commandDescription: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Title, description, field names and values together. */
  embedTotal: 6000,
  /** Embeds in one message: a reply's own and one per further picture. */
  embeds: 10,
  /** Files on one message. */
  attachments: 10,
  /** An attachment's description (its alt text). */
  attachmentDescription: 1024,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  inputLabel: 45,
  inputPlaceholder: 100,
  /** What an answer's field takes: a number, so this is plenty. */
  inputShort: 100,
  /** A paragraph field's most (Discord's own limit): pasted code. */
  inputLong: 4000,
} as const;

/** `text` cut to `max` characters, the cut marked with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
