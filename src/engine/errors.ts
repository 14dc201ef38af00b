/**
 * The one way the engine reports bad input: a SpecError carrying a message key that names the bad
 * token and the expected form. Renderers turn it into one line in the user's language.
 */
import { msg, t, type MessageKey, type MessageParams, type MessageRef } from '../i18n/messages.js';

export class SpecError extends Error {
  constructor(readonly ref: MessageRef) {
    super(t('en', ref));
    this.name = 'SpecError';
  }
}

export function fail<K extends MessageKey>(key: K, ...params: MessageParams<K>): never {
  throw new SpecError(msg(key, ...params));
}
