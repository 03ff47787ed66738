import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf } from '../../../../lib/ordered-json';
import { PyNumber, hasPyOnlyNumbers } from '../../../../lib/python/python';
import { generateCustomers } from '../seed';
import { customerView, recordJson, toJson } from './render';
import { CustomerRecord, type StoredAttrs } from './store';

/** A written copy of `seeded` with `changes` applied (what an update stores). */
function written(seeded: CustomerRecord, changes: Partial<StoredAttrs>, related = seeded.related): CustomerRecord {
  const attrs = Object.assign({}, seeded.attrs, changes);
  return new CustomerRecord(seeded.id, attrs, related, seeded.created, seeded.updated + 1, seeded.seq);
}

/** What the written record's text must be: its whole view written at once. */
function wholeText(record: CustomerRecord): string {
  const { metadata, tax_settings } = record.attrs;
  return toJson(customerView(record), hasPyOnlyNumbers(metadata) || hasPyOnlyNumbers(tax_settings));
}

describe('a written customer rendered in parts around its kept contacts and sources', () => {
  const seeded = generateCustomers(5, 200);

  it('writes the same text as its whole view, whatever the fields and dicts hold', () => {
    // Texts and keys drawn to reach every path of the writer: integer-like dict keys (stored
    // escaped, written the long way), U+2028 (escaped after writing), `{}` and quotes in strings,
    // floats Python writes otherwise than JS (1.0, 1e-05), and nulls.
    const text = fc.oneof(fc.constantFrom('', '0', '{}', '"', '\u2028', 'Ñuñoa', '\uE000x'), fc.string({ maxLength: 12 }));
    const number = fc.oneof(fc.integer(), fc.constantFrom(1e-5, 0.5), fc.constant(new PyNumber('float', '', 1)));
    const dict = fc.array(fc.tuple(text, fc.oneof(text, number, fc.constant(null), fc.boolean())), { maxLength: 4 }).map((entries) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of entries) out[keyOf(key)] = value;
      return out;
    });
    const changes = fc.record(
      {
        name: text,
        address: fc.oneof(text, fc.constant(null)),
        country: fc.constantFrom(null, 'CL', 'US', 'AR'),
        email: fc.oneof(text, fc.constant(null)),
        metadata: dict,
        tax_settings: dict,
        status: fc.constantFrom('active', 'archived'),
        website: fc.oneof(text, fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.nat(seeded.length - 1), changes, (i, change) => {
        const record = written(seeded[i], change as Partial<StoredAttrs>);
        expect(recordJson(record)).toBe(wholeText(record));
      }),
      { numRuns: 500, seed: 27 },
    );
  });

  it('keeps no text past its lists: new contacts or sources are written anew', () => {
    const withContacts = seeded.find((r) => r.related.contacts.length > 1)!;
    const first = written(withContacts, { name: 'First' });
    expect(recordJson(first)).toBe(wholeText(first));
    const fewer = written(
      withContacts,
      { name: 'Second' },
      Object.assign({}, withContacts.related, { contacts: withContacts.related.contacts.slice(1) }),
    );
    expect(recordJson(fewer)).toBe(wholeText(fewer));
    expect(JSON.parse(recordJson(fewer)).contacts).toHaveLength(withContacts.related.contacts.length - 1);
  });
});
