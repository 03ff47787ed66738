import { describe, expect, it } from 'vitest';
import { multipartParts, pyB64Decode, sanitizeFileName } from './multipart';

const bytes = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const text = (data: Uint8Array) => String.fromCharCode(...data);
/** Each part as [type, its name, its data]. */
const read = (body: string, boundary = 'B') =>
  [...multipartParts(bytes(body), boundary)].map((p) => [p.type, p.headers.get('content-disposition')?.params.get('name'), text(p.data)]);

describe("multipartParts (Django 4.2's Parser and parse_boundary_stream)", () => {
  it('reads the empty part before the first separator and the one after the last', () => {
    expect(read('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B--\r\n')).toEqual([
      ['raw', undefined, ''],
      ['field', 'a', '1'],
      ['raw', undefined, '--\r\n'],
    ]);
  });

  it('takes unquoted parameters, any header case and no spaces, as parse_header_parameters does', () => {
    expect(read('--B\r\ncontent-disposition:FORM-DATA;NAME=a\r\n\r\n1\r\n--B--')[1]).toEqual(['field', 'a', '1']);
  });

  it('cuts at a separator wherever it stands, backing up over one LF and then one CR', () => {
    expect(read('--B\r\nContent-Disposition: form-data; name=a\r\n\r\nx--By\n--B')).toEqual([
      ['raw', undefined, ''],
      ['field', 'a', 'x'],
      ['raw', undefined, 'y'],
    ]);
  });

  it('reads a body without a closing separator to its end', () => {
    expect(read('pre\r\n--B\r\nContent-Disposition: form-data; name=a\r\n\r\nend')).toEqual([
      ['raw', undefined, 'pre'],
      ['field', 'a', 'end'],
    ]);
  });

  it('skips a header line that is not UTF-8 or has no colon, and a part whose headers end past 1,024 bytes', () => {
    expect(read('--B\r\nContent-Disposition: form-data; name="\xff"\r\n\r\nx')[1].slice(0, 2)).toEqual(['raw', undefined]);
    expect(read(`--B\r\nContent-Disposition: form-data; name=a\r\nX: ${'x'.repeat(1020)}\r\n\r\nx`)[1][0]).toBe('raw');
    expect(read('--B\r\nContent-Disposition form-data\r\nContent-Disposition: form-data; name=a\r\n\r\nx')[1]).toEqual(['field', 'a', 'x']);
  });

  it('makes a part with a non-empty filename a file, and one with an empty filename a field', () => {
    expect(read('--B\r\nContent-Disposition: form-data; name=a; filename="f.txt"\r\n\r\nx')[1][0]).toBe('file');
    expect(read('--B\r\nContent-Disposition: form-data; name=a; filename=""\r\n\r\nx')[1][0]).toBe('field');
  });
});

describe("pyB64Decode (Python's base64.b64decode, not strict)", () => {
  it.each([
    ['QmFzZTY0', 'Base64'],
    ['QmFz\r\nZTY0', 'Base64'],
    ['QQ==', 'A'],
    ['QQ==QUJD', 'A'],
    ['Q!Q=*=', 'A'],
  ])('decodes %j to %j', (data, decoded) => {
    expect(text(pyB64Decode(bytes(data))!)).toBe(decoded);
  });

  it.each(['QmFzZ', 'QQ', 'QQ='])('refuses %j (binascii.Error)', (data) => {
    expect(pyB64Decode(bytes(data))).toBeUndefined();
  });
});

describe('sanitizeFileName (MultiPartParser.sanitize_file_name)', () => {
  it.each([
    ['a/b\\c.txt', 'c.txt'],
    ['C:\\docs\\PE', 'PE'],
    ['..', undefined],
    ['dir/.', undefined],
    ['dir/', undefined],
    // Django 4.1 on drops every character str.isprintable() refuses (the space is printable).
    ['P\u0000E', 'PE'],
    ['a\tb c\u200b.txt', 'ab c.txt'],
    ['.\u00a0.', undefined],
    ['\u0007', undefined],
  ])('reads %j as %j', (name, sanitized) => {
    expect(sanitizeFileName(name)).toBe(sanitized);
  });
});
