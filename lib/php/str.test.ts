import { describe, expect, it } from 'vitest';
import { strTrim } from './str';

/**
 * The code points Str::trim removes, as laravel/framework v11.56.0 answers under PHP 8.2.36 with
 * PCRE2 10.42: `Str::trim("a".$ch) === "a" && Str::trim($ch."a") === "a"` for every code point.
 */
const PHP_TRIMMED =
  '0000 0009 000A 000B 000C 000D 0020 0085 00A0 00AD 034F 061C 115F 1160 1680 17B4 17B5 180E 2000 2001 2002 2003 ' +
  '2004 2005 2006 2007 2008 2009 200A 200B 200C 200D 200E 200F 2028 2029 202F 205F 2060 2061 2062 2063 2064 2065 ' +
  '206A 206B 206C 206D 206E 206F 2800 3000 3164 FEFF FFA0 1D159 1D173 1D174 1D175 1D176 1D177 1D178 1D179 1D17A E0020';

describe('Str::trim (Laravel 11.56, what TrimStrings applies)', () => {
  it('removes exactly the code points PHP removes, at either end', () => {
    const expected = PHP_TRIMMED.split(' ').map((hex) => Number.parseInt(hex, 16));
    const found: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (strTrim(`a${ch}`) === 'a' && strTrim(`${ch}a`) === 'a') found.push(cp);
    }
    expect(found).toEqual(expected);
  });

  it.each([
    ['U+0085 (NEL), which \\s matches under PHP’s /u but not in JavaScript', '\u0085Ann\u0085', 'Ann'],
    ['NUL (the " \\n\\r\\t\\v\\0" Str::trim adds since 11.23)', '\u0000Ann\u0000', 'Ann'],
    ['a right-to-left mark and a soft hyphen (INVISIBLE_CHARACTERS, 11.44.3)', '\u200fAnn\u00ad', 'Ann'],
    ['a run of mixed characters, astral ones included', '\u{1d173} \u3164\tAnn\u2800\u{e0020}\u0085', 'Ann'],
    ['only trimmed characters, to the empty string', '\u0085\u0085', ''],
  ])('trims %s', (_case, value, trimmed) => {
    expect(strTrim(value)).toBe(trimmed);
  });

  it('keeps what is inside, and lone surrogates at the ends', () => {
    expect(strTrim('Ann \u0085 Lee')).toBe('Ann \u0085 Lee');
    expect(strTrim('\ud834Ann\udd73')).toBe('\ud834Ann\udd73');
    const same = 'no-op';
    expect(strTrim(same)).toBe(same);
  });

  it('stays linear on a long run of trimmed characters', () => {
    const started = performance.now();
    expect(strTrim(`${'\u0085'.repeat(400_000)}x${' '.repeat(400_000)}`)).toBe('x');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
