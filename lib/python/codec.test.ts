import { describe, expect, it } from 'vitest';
import { codecFor, decodeReplacing, decodeStrict, decodeText } from './codec';

describe('codecs', () => {
  it('names the codec of a charset as Python does, utf-8 for one it does not know', () => {
    expect(['ISO-8859-1', 'latin_1', 'US-ASCII', 'utf-8', 'klingon', undefined].map(codecFor)).toEqual([
      'latin-1',
      'latin-1',
      'ascii',
      'utf-8',
      'utf-8',
      'utf-8',
    ]);
  });

  it('knows the aliases Python knows, and nothing looser', () => {
    expect(
      ['UTF16', 'UnicodeLittleUnmarked', 'utf 16', 'windows-1252', 'L9', 'utf_8_sig', 'utf8-sig', 'cp-1252', 'koi8-r'].map(codecFor),
    ).toEqual(['utf-16', 'utf-16-le', 'utf-16', 'cp1252', 'iso8859-15', 'utf-8-sig', 'utf-8', 'utf-8', 'utf-8']);
  });

  // Each expected value is what CPython 3.11 gives: codecs.getreader(codec)(BytesIO(b)).read()
  // (the stream, as DRF's JSONParser reads), b.decode(codec) and b.decode(codec, 'replace').
  it.each<[string, number[], string, string | undefined, string]>([
    ['utf-16', [0xff, 0xfe, 0x7b, 0, 0x7d, 0], '{}', '{}', '{}'],
    ['utf-16', [0xfe, 0xff, 0, 0x7b, 0, 0x7d], '{}', '{}', '{}'],
    ['utf-16', [0x7b, 0, 0x7d, 0], 'UTF-16 stream does not start with BOM', '{}', '{}'],
    ['utf-16', [0xff, 0xfe, 0x61, 0, 0x62], 'a', undefined, 'a\ufffd'],
    ['utf-16', [0xff, 0xfe, 0, 0xdc], "'utf-16-le' codec can't decode bytes in position 2-3: illegal encoding", undefined, '\ufffd'],
    [
      'utf-16-be',
      [0xd8, 0, 0, 0x61],
      "'utf-16-be' codec can't decode bytes in position 0-1: illegal UTF-16 surrogate",
      undefined,
      '\ufffda',
    ],
    [
      'utf-32',
      [0xff, 0xfe, 0, 0, 0, 0, 0x11, 0],
      "'utf-32-le' codec can't decode bytes in position 4-7: code point not in range(0x110000)",
      undefined,
      '\ufffd',
    ],
    ['utf-32-le', [0x61, 0, 0], '', undefined, '\ufffd'],
    ['utf-8-sig', [0xef, 0xbb, 0xbf, 0x7b, 0x7d], '{}', '{}', '{}'],
    ['utf-8-sig', [0xef, 0xbb], '', undefined, '\ufffd'],
    ['cp1252', [0x80, 0x9f, 0x61], '€Ÿa', '€Ÿa', '€Ÿa'],
    ['cp1252', [0x61, 0x81], "'charmap' codec can't decode byte 0x81 in position 1: character maps to <undefined>", undefined, 'a\ufffd'],
    ['iso8859-15', [0xa4, 0x80], '€\x80', '€\x80', '€\x80'],
  ])('decodes %s %j as CPython does', (name, bytes, stream, strict, replaced) => {
    const codec = codecFor(name);
    const b = Uint8Array.from(bytes);
    let read: string;
    try {
      read = decodeText(b, codec);
    } catch (error) {
      read = (error as Error).message;
    }
    expect([read, decodeStrict(b, codec), decodeReplacing(b, codec)]).toEqual([stream, strict, replaced]);
  });

  it('decodes strictly or not at all, and latin-1 byte for byte', () => {
    const bytes = Uint8Array.from([0x61, 0xe9]);
    expect(decodeStrict(bytes, 'utf-8')).toBeUndefined();
    expect(decodeText(bytes, 'latin-1')).toBe('aé');
    expect(decodeStrict(new TextEncoder().encode('ñ'), 'utf-8')).toBe('ñ');
  });
});
