import { describe, expect, it } from 'vitest';
import { holdsUnderCollation, likeFragment, sameUnderCollation } from './filters';

describe("a Pelcro text filter's result judged under any plausible MySQL collation", () => {
  it('counts texts equal ignoring case, accents, ß written ss and trailing spaces (utf8mb4_unicode_ci, Laravel’s default)', () => {
    expect(sameUnderCollation('José', 'JOSE')).toBe(true);
    expect(sameUnderCollation('Müller', 'muller')).toBe(true);
    expect(sameUnderCollation('Straße', 'STRASSE')).toBe(true);
    expect(sameUnderCollation('Ana ', 'ana')).toBe(true);
    expect(sameUnderCollation('Ana', 'Anna')).toBe(false);
    expect(sameUnderCollation('Ana', undefined)).toBe(false);
  });

  it('finds a part in a text alike, for like', () => {
    expect(holdsUnderCollation('josé.pérez@example.com', 'PEREZ')).toBe(true);
    expect(holdsUnderCollation('jose@example.com', 'osé')).toBe(true);
    expect(holdsUnderCollation('jose@example.com', 'osa')).toBe(false);
  });
});

describe('likeFragment (the part of an email filter[email]=like: asks for)', () => {
  it('is the middle of the local part', () => {
    expect(likeFragment('maria.perez@example.com')).toBe('aria.pere');
    expect(likeFragment('ana@example.com')).toBe('ana');
  });

  it('is none when that part holds a LIKE wildcard or escape, which would match other emails too', () => {
    expect(likeFragment('john_doe@example.com')).toBeUndefined();
    expect(likeFragment('a%b.c@example.com')).toBeUndefined();
    expect(likeFragment('a\\b.c@example.com')).toBeUndefined();
  });
});
