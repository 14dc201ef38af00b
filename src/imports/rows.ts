/**
 * What a question file is read into (read.ts, in the import sandbox), apart from the reading:
 * the bot's own process uses these without loading the CSV and YAML readers.
 */
import type { MessageRef } from '../i18n/messages.js';

/** Questions in one file. */
export const MAX_IMPORT_ROWS = 100;

/** A field's value as the file gives it; a list or mapping where a value belongs comes as its JSON text. */
export type Field = string | number | boolean | null;

/** A question's fields as a row gives them, not yet checked. */
export interface Row {
  readonly spec?: Field;
  readonly model?: Field;
  readonly ask?: Field;
  readonly level?: Field;
  readonly wording?: Field;
}

/** The rows of a file (at most MAX_IMPORT_ROWS + 1: one more says there are too many), and the number the first is shown as. */
export type FileRead = { readonly ok: true; readonly rows: readonly Row[]; readonly first: number } | { readonly ok: false; readonly error: MessageRef };

export interface FileRequest {
  readonly name: string;
  readonly text: string;
}
