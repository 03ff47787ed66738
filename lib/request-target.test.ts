import { describe, expect, it } from 'vitest';
import { phpTarget, targetPath, targetQuery } from './request-target';

describe('phpTarget', () => {
  it('reads raw bytes above 0x7f (latin-1 characters) as the UTF-8 PHP holds', () => {
    expect(phpTarget('/api/v1/core/\u00c3\u00b1?q=\u00e6\u0097\u00a5')).toBe('/api/v1/core/ñ?q=日');
  });

  it('leaves percent-escapes alone and an ASCII target unchanged', () => {
    expect(phpTarget('/api/v1/core/%C3%B1?q=%FF')).toBe('/api/v1/core/%C3%B1?q=%FF');
  });

  it('reads bytes that are no UTF-8 as U+FFFD', () => {
    expect(phpTarget('/a/\u00ff')).toBe('/a/\ufffd');
  });
});

describe('targetPath and targetQuery', () => {
  it('split a target at its query, keeping raw characters', () => {
    expect(targetPath('/a/\u00c3\u00b1?x=1#f')).toBe('/a/\u00c3\u00b1');
    expect(targetQuery('/a?x=\u00c3\u00b1#f')).toBe('x=\u00c3\u00b1');
  });
});
