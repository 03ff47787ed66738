import { describe, expect, it } from 'vitest';
import { bcryptRefuses } from './bcrypt';

describe('bcryptRefuses (password_hash with PASSWORD_BCRYPT)', () => {
  it('refuses a password holding a NUL byte anywhere, as PHP 8.2 raises its ValueError', () => {
    expect(['\0', 'secret\0', '\0secret', 'sec\0ret'].map(bcryptRefuses)).toEqual([true, true, true, true]);
  });

  it('hashes any other text, white space and non-ASCII included', () => {
    expect(['secret', '      ', 'ñandú😀', '\u0001\u001f'].map(bcryptRefuses)).toEqual([false, false, false, false]);
  });
});
