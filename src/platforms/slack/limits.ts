/** Block Kit's size limits (docs.slack.dev, Block Kit reference): Slack refuses a message past any of them. */
export const LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextText: 3000,
  buttonsPerActions: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputPlaceholder: 150,
  /** plain_text_input's max_length: pasted code in a form. */
  inputLong: 3000,
  privateMetadata: 3000,
} as const;
