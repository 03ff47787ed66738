import { describe, expect, it } from 'vitest';
import { djangoPath, escapeUriPath, iriToUri } from './path';

describe('Django request paths', () => {
  it('decodes escapes that make UTF-8 and keeps the others percent-encoded', () => {
    expect(djangoPath('/customers/%C3%B1/')).toBe('/customers/ñ/');
    expect(djangoPath('/customers/%ZZ/')).toBe('/customers/%ZZ/');
    expect(djangoPath('/customers/plain/')).toBe('/customers/plain/');
  });

  it("quotes a path for a redirect as escape_uri_path does, keeping /:@&+$,-_.!~*'()", () => {
    expect(escapeUriPath("/a b/ñ/:@&+$,-_.!~*'()")).toBe("/a%20b/%C3%B1/:@&+$,-_.!~*'()");
  });

  it("quotes a query as iri_to_uri does, keeping /#%[]=:;$&()+,!?*@'~ and encoding the rest", () => {
    expect(iriToUri("q=a'b&r=/#%[]=:;$&()+,!?*@~-_.")).toBe("q=a'b&r=/#%[]=:;$&()+,!?*@~-_.");
    expect(iriToUri('q=a{b}`|^\\"<> ñ%7B')).toBe('q=a%7Bb%7D%60%7C%5E%5C%22%3C%3E%20%C3%B1%7B');
  });
});
