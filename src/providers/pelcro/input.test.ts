import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SiteId } from '../../../contracts/pelcro/schemas';
import { ErrorBag, toInt } from '../../../lib/php/validator';
import { PLAIN_SITE_ID, readSite } from './input';

/** The site id as the schema alone reads it (readSite without its shortcut). */
function bySchema(raw: string): number | undefined {
  const parsed = SiteId.safeParse(raw);
  return parsed.success ? toInt(parsed.data) : undefined;
}

const digitStrings = fc.oneof(
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.stringMatching(/^[-+ 0]?[0-9]{1,17}$/),
  fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
);

describe('readSite', () => {
  it('takes the shortcut only for ids the integer rule and the site check accept, with the same value', () => {
    fc.assert(
      fc.property(digitStrings, (raw) => {
        if (PLAIN_SITE_ID.test(raw)) expect(bySchema(raw)).toBe(Number(raw));
        const bag = new ErrorBag(['site_id']);
        expect(readSite({ site_id: raw }, bag)).toBe(bySchema(raw));
        expect(bag.empty).toBe(bySchema(raw) !== undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports an empty array as missing, as `required` does, and a non-empty one as no integer', () => {
    for (const raw of [[], {}, null, undefined]) {
      const bag = new ErrorBag(['site_id']);
      expect(readSite({ site_id: raw }, bag)).toBeUndefined();
      expect(bag.toFields()).toEqual({ site_id: ['The site id field is required.'] });
    }
    const bag = new ErrorBag(['site_id']);
    readSite({ site_id: [1] }, bag);
    expect(bag.toFields()).toEqual({ site_id: ['The site id field must be an integer.'] });
  });

  it('leaves the rest to the schema: leading zeros, signs, 0 and ids past 15 digits', () => {
    for (const raw of ['01', '+1', '-1', '0', '1234567890123456', '9007199254740993']) expect(PLAIN_SITE_ID.test(raw)).toBe(false);
    expect(readSite({ site_id: '9007199254740991' }, new ErrorBag(['site_id']))).toBe(9007199254740991);
  });
});
