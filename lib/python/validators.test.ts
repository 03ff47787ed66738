import { describe, expect, it } from 'vitest';
import { isDjangoEmail, isDjangoUrl } from './validators';

describe('Django validators', () => {
  it.each([
    ['a@b.co', true],
    ['user@localhost', true],
    ['x@[IPv6:::1]', false],
    ['x@[::1]', true],
    ['x@[1.2.3.04]', false],
    ['a@xn--and-6ma2c.cl', true],
    ['a@ñandú.cl', true],
    [`${'a'.repeat(64)}@${'b'.repeat(250)}.cl`, false],
  ])('isDjangoEmail(%j) is %s', (email, valid) => {
    expect(isDjangoEmail(email)).toBe(valid);
  });

  it.each([
    ['https://andes.cl', true],
    ['HTTPS://ANDES.CL', true],
    ['https://andes.cl.', true],
    ['https://xn--and-6ma2c.cl', true],
    ['https://a_b.cl', false],
    ['https://andes.c', false],
    ['https://😀.cl', false],
    ['http://0.0.0.0', true],
    ['http://01.2.3.4', false],
    ['https://andes.cl/a b', false],
    // The host name may not pass 253 characters.
    [`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.cl`, true],
    [`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.cl`, false],
  ])('isDjangoUrl(%j) is %s', (url, valid) => {
    expect(isDjangoUrl(url)).toBe(valid);
  });
});
