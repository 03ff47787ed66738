/**
 * A contact as the API renders it: the same object alone and inside its customer's `contacts`
 * (../customers/render.ts builds both), checked by the Contact schema, JSON kept per record.
 */
import { Contact } from '../../../../contracts/piriod/schemas';
import { contactView, toJson } from '../customers/render';
import type { StoredContact } from './store';

const texts = new WeakMap<StoredContact, string>();

/** The contact's JSON, checked once by the Contact schema (a mismatch is a bug of the mock). */
export function contactJson(contact: StoredContact): string {
  let text = texts.get(contact);
  if (text === undefined) {
    const view = contactView(contact);
    const checked = Contact.safeParse(view);
    if (!checked.success) throw new Error(`Piriod contact ${contact.id} does not match the Contact schema: ${checked.error.message}`);
    text = toJson(view);
    texts.set(contact, text);
  }
  return text;
}
