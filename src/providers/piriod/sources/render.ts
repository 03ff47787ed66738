/**
 * A source as the API renders it: the same object alone and inside its customer's `sources`
 * (../customers/render.ts builds both), checked by the Source schema, JSON kept per record.
 */
import { Source } from '../../../../contracts/piriod/schemas';
import { sourceView, toJson } from '../customers/render';
import type { StoredSource } from './store';

const texts = new WeakMap<StoredSource, string>();

/** The source's JSON, checked once by the Source schema (a mismatch is a bug of the mock). */
export function sourceJson(source: StoredSource): string {
  let text = texts.get(source);
  if (text === undefined) {
    const view = sourceView(source);
    const checked = Source.safeParse(view);
    if (!checked.success) throw new Error(`Piriod source ${source.id} does not match the Source schema: ${checked.error.message}`);
    text = toJson(view);
    texts.set(source, text);
  }
  return text;
}
