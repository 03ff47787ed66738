import { describe, expect, it } from 'vitest';
import { bcryptInput, bcryptRefuses } from './bcrypt';

describe('bcryptRefuses (password_hash with PASSWORD_BCRYPT)', () => {
  it('refuses a password holding a NUL byte anywhere, as PHP 8.2 raises its ValueError', () => {
    expect(['\0', 'secret\0', '\0secret', 'sec\0ret'].map(bcryptRefuses)).toEqual([true, true, true, true]);
  });

  it('hashes any other text, white space and non-ASCII included', () => {
    expect(['secret', '      ', 'ñandú😀', '\u0001\u001f'].map(bcryptRefuses)).toEqual([false, false, false, false]);
  });
});

describe('bcryptInput (what password_hash reads of a password)', () => {
  it('keeps the first 72 bytes of UTF-8, cutting a character in two if it must', () => {
    expect(bcryptInput('a'.repeat(80)).toString()).toBe('a'.repeat(72));
    expect(bcryptInput('short')).toEqual(Buffer.from('short'));
    const cut = bcryptInput(`a${'é'.repeat(40)}`);
    expect(cut.length).toBe(72);
    expect(cut.at(-1)).toBe(0xc3);
  });
});
