import { describe, expect, it } from 'vitest';
import { clientUrl } from './server';

describe('clientUrl', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:4010'],
    ['localhost', 'http://localhost:4010'],
    ['0.0.0.0', 'http://127.0.0.1:4010'],
    ['::', 'http://[::1]:4010'],
    ['::1', 'http://[::1]:4010'],
    ['192.168.1.20', 'http://192.168.1.20:4010'],
  ])('gives a client on this machine an address it can call for --host %s', (host, url) => {
    expect(clientUrl(host, 4010)).toBe(url);
  });
});
