import { describe, expect, it } from 'vitest';
import { pgUpper } from './upper';

describe('pgUpper (PostgreSQL upper(), libc towupper)', () => {
  it.each([
    ['ñandú', 'ÑANDÚ'],
    ['café', 'CAFÉ'],
    ['abc', 'ABC'],
    ['straße', 'STRAßE'],
    ['ſtore', 'STORE'],
    ['ıslak', 'ISLAK'],
    ['σοφία οδος', 'ΣΟΦΊΑ ΟΔΟΣ'],
    ['ς', 'Σ'],
    ['µ', 'Μ'],
    ['ﬁnanzas', 'ﬁNANZAS'],
    ['ŉ', 'ŉ'],
    ['İstanbul', 'İSTANBUL'],
    ['ǆ', 'Ǆ'],
    ['ǅ', 'Ǆ'],
    ['ᾳ', 'ᾼ'],
    ['ᾀ', 'ᾈ'],
    ['ᾈ', 'ᾈ'],
    ['\u{10428}', '\u{10400}'],
    ['ß😀ſ', 'ß😀S'],
  ])('maps %s to %s, one character for one', (text, upper) => {
    expect(pgUpper(text)).toBe(upper);
  });

  it('keeps the length of every text in code points', () => {
    const text = `ßŉﬁᾳΐ${'x'.repeat(3)}`;
    expect([...pgUpper(text)].length).toBe([...text].length);
  });
});
