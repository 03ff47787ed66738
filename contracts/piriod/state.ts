/**
 * The one place that decides how a customer's `state` looks: how it is written, how it is read,
 * how a written value is stored and rendered, and which state of a country it names.
 *
 * Two shapes are published. The start document and the older docs: a code of at most six
 * characters on write (the id `CLRM` or the bare code `RM`), `{"id": "CLRM", "code": "RM", "name": …}`
 * on read. The newest reference: an integer id on write, `{"id": 123, "name": …, "country": "CL"}`
 * on read. The project follows the start document (docs/fidelity/piriod.md); the contract suite run
 * against the real API settles it. To follow the other shape, change this file alone: the read
 * schema (`State`), the write field (`stateWriteField`), `storedState` and `stateView`.
 */
import { z } from 'zod';
import { charField, type Presence } from './fields';
import { findState, stateById } from './reference';

/** A state as list and retrieve render `state`. */
export const State = z
  .object({
    id: z
      .string()
      .regex(/^[A-Z]{2}[A-Z0-9]{1,4}$/)
      .meta({ description: 'Country code + subdivision code (≤ 6).', examples: ['CLRM'] }),
    code: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/)
      .meta({ examples: ['RM'] }),
    name: z.string().meta({ examples: ['Región Metropolitana de Santiago'] }),
  })
  .meta({ description: 'A state (first-level subdivision), as list and retrieve render `state`.' });
export type State = z.infer<typeof State>;

/** The longest `state` a write may send. */
export const STATE_MAX_LENGTH = 6;

/** The `state` of a write body: a CharField the object-level check ties to the country. */
export function stateWriteField<const P extends Presence>(presence: P) {
  return charField({
    ...presence,
    maxLength: STATE_MAX_LENGTH,
    description: 'A state of the country: its id (`CLRM`) or code (`RM`).',
    example: 'CLRM',
  });
}

/** Whether `value`, as written, names a state of `country`. */
export function isStateOf(country: string, value: string): boolean {
  return findState(country, value) !== undefined;
}

/** What is stored for a written state: its id (a blank or a state without country is no state). */
export function storedState(country: string | null, value: string | null): string | null {
  if (!value || !country) return null;
  return findState(country, value)?.id ?? value;
}

/** The stored state as the API renders it. */
export function stateView(stored: string | null): State | null {
  return stored ? (stateById(stored) ?? null) : null;
}
