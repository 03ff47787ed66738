import { describe, expect, it } from 'vitest';
import { djangoPath, escapeUriPath } from './path';

describe('Django request paths', () => {
  it('decodes escapes that make UTF-8 and keeps the others percent-encoded', () => {
    expect(djangoPath('/customers/%C3%B1/')).toBe('/customers/ñ/');
    expect(djangoPath('/customers/%ZZ/')).toBe('/customers/%ZZ/');
    expect(djangoPath('/customers/plain/')).toBe('/customers/plain/');
  });

  it("quotes a path for a redirect as escape_uri_path does, keeping /:@&+$,-_.!~*'()", () => {
    expect(escapeUriPath("/a b/ñ/:@&+$,-_.!~*'()")).toBe("/a%20b/%C3%B1/:@&+$,-_.!~*'()");
  });
});
