import { describe, expect, it } from 'vitest';
import { entriesOf } from '../ordered-json';
import { MAX_FILE_UPLOADS, UploadedFile, uploadedFiles, withFiles, withoutFiles, type FilePart } from './upload';

const file = (name: string, filename = 'a.txt'): FilePart => ({ name, filename, size: 5 });

/** A parsed array with its keys as sent and each file as `F:<client name>`. */
function sent(value: unknown): unknown {
  if (value instanceof UploadedFile) return `F:${value.clientName}`;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(entriesOf(value).map(([key, item]) => [key, sent(item)]));
}

describe("uploadedFiles: a multipart POST's files as $request->allFiles() holds them", () => {
  it.each<[string, FilePart[], unknown]>([
    ['a plain name', [file('doc')], { doc: 'F:a.txt' }],
    ['a[b] nests', [file('a[b]')], { a: { b: 'F:a.txt' } }],
    ['a[b][c] nests twice', [file('a[b][c]')], { a: { b: { c: 'F:a.txt' } } }],
    ['a[] appends', [file('a[]', 'x'), file('a[]', 'y')], { a: { 0: 'F:x', 1: 'F:y' } }],
    ['dots and spaces of the base name become _', [file(' c.d e')], { c_d_e: 'F:a.txt' }],
    ['dots inside brackets stay', [file('o[p.q]')], { o: { 'p.q': 'F:a.txt' } }],
    ['the last file of a name wins', [file('doc', 'x'), file('doc', 'y')], { doc: 'F:y' }],
    ['an empty file name is no file (UPLOAD_ERR_NO_FILE)', [file('doc', '')], {}],
    ['an empty file name keeps its index in a list', [file('a[]', ''), file('a[]', 'y')], { a: { 1: 'F:y' } }],
    ['an empty base name is ignored', [file('[x]'), file('doc')], { doc: 'F:a.txt' }],
  ])('%s', (_case, parts, expected) => {
    expect(sent(uploadedFiles(parts))).toEqual(expected);
  });

  it.each(['g[', 'h[a]x', 'i]', 'j[[k]]', 'a]b[c]'])('skips a file named %j and every file after it (rfc1867 "never repair")', (name) => {
    expect(sent(uploadedFiles([file('before'), file(name), file('after')]))).toEqual({ before: 'F:a.txt' });
  });

  it(`keeps ${MAX_FILE_UPLOADS} files (max_file_uploads), not counting empty file names`, () => {
    const parts = [
      ...Array.from({ length: 3 }, (_, i) => file(`empty${i}`, '')),
      ...Array.from({ length: MAX_FILE_UPLOADS + 2 }, (_, i) => file(`f${i}`)),
    ];
    const kept = Object.keys(uploadedFiles(parts));
    expect(kept).toHaveLength(MAX_FILE_UPLOADS);
    expect(kept.at(-1)).toBe(`f${MAX_FILE_UPLOADS - 1}`);
  });

  it('drops a file nested one level short of max_input_nesting_level ([name] takes a level)', () => {
    expect(uploadedFiles([file(`a${'[b]'.repeat(63)}`)])).toHaveProperty('a');
    expect(uploadedFiles([file(`a${'[b]'.repeat(64)}`)])).toEqual({});
  });
});

describe('withFiles: array_replace_recursive($input, $files)', () => {
  const doc = new UploadedFile('d.txt', 1);

  it("puts a file in place of a field of its name, keeping the field's place", () => {
    const merged = withFiles({ first_name: 'F', site_id: '1' }, { first_name: doc });
    expect(Object.keys(merged)).toEqual(['first_name', 'site_id']);
    expect(merged.first_name).toBe(doc);
  });

  it('merges arrays, and adds new keys last', () => {
    expect(sent(withFiles({ metadata: { a: 'A' }, z: '1' }, { metadata: { b: doc }, extra: doc }))).toEqual({
      metadata: { a: 'A', b: 'F:d.txt' },
      z: '1',
      extra: 'F:d.txt',
    });
  });

  it('keeps __proto__ as a plain key', () => {
    const merged = withFiles({}, JSON.parse('{"__proto__": {"x": 1}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
  });
});

describe('withoutFiles', () => {
  it('keeps a file as the empty array a JSON column gives back', () => {
    expect(withoutFiles({ a: 'A', b: new UploadedFile('d.txt', 1), c: { d: new UploadedFile('e', 2) } })).toEqual({
      a: 'A',
      b: {},
      c: { d: {} },
    });
  });
});
