import { describe, expect, it } from 'vitest';
import { codecFor, decodeStrict, decodeText } from './codec';

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

  it('decodes strictly or not at all, and latin-1 byte for byte', () => {
    const bytes = Uint8Array.from([0x61, 0xe9]);
    expect(decodeStrict(bytes, 'utf-8')).toBeUndefined();
    expect(decodeText(bytes, 'latin-1')).toBe('aé');
    expect(decodeStrict(new TextEncoder().encode('ñ'), 'utf-8')).toBe('ñ');
  });
});
