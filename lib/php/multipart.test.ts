import { describe, expect, it } from 'vitest';
import { firstParts, MAX_MULTIPART_PARTS } from './multipart';

const type = 'multipart/form-data; boundary=XyZ';
const body = (names: string[]) =>
  `${names.map((name) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv-${name}\r\n`).join('')}--XyZ--\r\n`;

async function fieldsOf(raw: Uint8Array): Promise<string[]> {
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  return [...form.keys()];
}

describe('firstParts (PHP max_multipart_body_parts)', () => {
  it('leaves a body of at most the limit as it is', () => {
    const raw = new TextEncoder().encode(body(Array.from({ length: MAX_MULTIPART_PARTS }, (_, i) => `f${i}`)));
    expect(firstParts(raw, type)).toBe(raw);
  });

  it('keeps the first 1,020 parts of a longer body, closed so a parser reads them all', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `f${i}`);
    const cut = firstParts(new TextEncoder().encode(body(names)), type);
    expect(await fieldsOf(cut)).toEqual(names.slice(0, MAX_MULTIPART_PARTS));
  });

  it('cuts at any bound, and leaves a body without a boundary to the parser', async () => {
    const raw = new TextEncoder().encode(body(['a', 'b', 'c']));
    expect(await fieldsOf(firstParts(raw, type, 2))).toEqual(['a', 'b']);
    expect(firstParts(raw, 'multipart/form-data')).toBe(raw);
  });
});
