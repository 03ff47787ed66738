import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptBody } from './journal';
import { CachedPage, PageCache } from './page-cache';

/** A render that counts its calls and answers `text`. */
function counting(text: string) {
  const render = () => {
    render.calls++;
    return text;
  };
  render.calls = 0;
  return render;
}

describe('the page cache', () => {
  it('keeps a page from its second rendering on, and answers its text and UTF-8 bytes', () => {
    const cache = new PageCache();
    const sandbox = {};
    const render = counting('{"name":"Peña"}');
    const first = cache.page(sandbox, 0, '/customers/?page=1', render);
    const second = cache.page(sandbox, 0, '/customers/?page=1', render);
    expect(render.calls).toBe(2);
    const kept = cache.page(sandbox, 0, '/customers/?page=1', render);
    cache.page(sandbox, 0, '/customers/?page=1', render);
    expect(render.calls).toBe(2);
    expect(kept).toBe(second);
    expect(first.text).toBe('{"name":"Peña"}');
    expect(Buffer.from(first.bytes).toString('utf8')).toBe(first.text);
    expect(first.bytes.byteLength).toBe(16);
  });

  it('keeps no page asked only once: a client walking a list page by page fills nothing', () => {
    const cache = new PageCache({ maxEntries: 8, maxBytes: 1 << 20 });
    const sandbox = {};
    for (let page = 1; page <= 100; page++) cache.page(sandbox, 0, `/customers/?page=${page}`, () => '[]');
    expect(cache.size).toBe(0);
    const render = counting('[]');
    cache.page(sandbox, 0, '/customers/?page=100', render); // asked again: kept now
    cache.page(sandbox, 0, '/customers/?page=100', render);
    expect(render.calls).toBe(1);
    expect(cache.size).toBe(1);
  });

  it("keeps the seed's unfiltered first page at its first rendering, for every new sandbox alike", () => {
    const cache = new PageCache();
    const render = counting('[]');
    // The first new sandbox asks what an earlier one rendered once: answered from the cache.
    cache.page({}, 0, '/customers/?ordering=name', render, 'live/CL', true);
    cache.page({}, 0, '/customers/?ordering=name', render, 'live/CL', true);
    expect(render.calls).toBe(1);
    // Not a written sandbox's first page, nor an owner's without a pristine kind, nor another page.
    cache.page({}, 1, '/customers/', render, 'live/CL', true);
    cache.page({}, 0, '/customers/', render, undefined, true);
    cache.page({}, 0, '/customers/?page=2', render, 'live/CL', false);
    expect(cache.size).toBe(1);
  });

  it('renders anew after a write (another version), for another request, and for another sandbox', () => {
    const cache = new PageCache();
    const [one, two] = [{}, {}];
    const render = counting('[]');
    const twice = (owner: object, version: number, request: string) => {
      cache.page(owner, version, request, render);
      cache.page(owner, version, request, render);
    };
    twice(one, 0, 'a');
    twice(one, 1, 'a');
    twice(one, 1, 'b');
    twice(two, 1, 'b');
    expect(render.calls).toBe(8);
    cache.page(one, 1, 'a', render);
    cache.page(two, 1, 'b', render);
    expect(render.calls).toBe(8);
  });

  it('shares the pages of owners that have written nothing, by kind, and never once one has written', () => {
    const cache = new PageCache();
    const render = counting('[]');
    const owners = Array.from({ length: 10 }, () => ({}));
    for (const owner of owners) cache.page(owner, 0, 'a', render, 'live/CL');
    expect(render.calls).toBe(2); // kept from the second rendering, which another owner asked for
    expect(cache.size).toBe(1);
    cache.page(owners[0], 0, 'a', render, 'test/CL'); // another kind
    cache.page(owners[1], 0, 'a', render, 'test/CL');
    cache.page(owners[0], 0, 'a', render); // no kind given: its own
    cache.page(owners[0], 0, 'a', render);
    expect(render.calls).toBe(6);
    expect(cache.size).toBe(3);
    cache.page(owners[0], 1, 'a', render, 'live/CL'); // written: its own pages from now on
    cache.page(owners[1], 1, 'a', render, 'live/CL');
    expect(render.calls).toBe(8);
    cache.page(owners[2], 0, 'a', render, 'live/CL');
    expect(render.calls).toBe(8);
  });

  it('keeps at most its entries, the least recently used going first', () => {
    const cache = new PageCache({ maxEntries: 2, maxBytes: 1 << 20 });
    const sandbox = {};
    const render = counting('x');
    const twice = (request: string) => {
      cache.page(sandbox, 0, request, render);
      cache.page(sandbox, 0, request, render);
    };
    twice('a');
    twice('b');
    cache.page(sandbox, 0, 'a', render); // a is now the most recent
    twice('c'); // b goes
    expect(cache.size).toBe(2);
    expect(render.calls).toBe(6);
    cache.page(sandbox, 0, 'a', render);
    cache.page(sandbox, 0, 'c', render);
    expect(render.calls).toBe(6);
    cache.page(sandbox, 0, 'b', render);
    expect(render.calls).toBe(7);
  });

  it('answers a page larger than a tenth of its bytes without keeping it, and keeps its bytes within the bound', () => {
    const cache = new PageCache({ maxEntries: 100, maxBytes: 3000 });
    const sandbox = {};
    const big = counting('y'.repeat(400));
    cache.page(sandbox, 0, 'big', big);
    cache.page(sandbox, 0, 'big', big);
    expect(big.calls).toBe(2);
    expect(cache.size).toBe(0);
    // 30 bytes a page (its UTF-8; the text is not kept beside it) and 2 per unit of its key
    // ("<serial>:0:p100", 8 or 9 units): the bound holds 3000 / 46 or 3000 / 48 such pages, no more
    // (a hundred without keys).
    for (let i = 100; i < 250; i++) for (const _ of [1, 2]) cache.page(sandbox, 0, `p${i}`, () => 'z'.repeat(30));
    expect(cache.size).toBeGreaterThanOrEqual(62);
    expect(cache.size).toBeLessThanOrEqual(65);
  });

  it('answers a request longer than 4,096 characters without keeping it: a client cannot fill memory with keys', () => {
    const cache = new PageCache();
    const sandbox = {};
    const render = counting('{}');
    const long = `/customers/?q=${'x'.repeat(5000)}`;
    expect(cache.page(sandbox, 0, long, render).text).toBe('{}');
    cache.page(sandbox, 0, long, render);
    expect(render.calls).toBe(2);
    expect(cache.size).toBe(0);
  });
});

describe("a kept page's head", () => {
  const page = (text: string) => new CachedPage(new TextEncoder().encode(text));

  it('is the first characters of the whole text, as the journal cut it from the text decoded whole', () => {
    // Characters of one to four UTF-8 bytes (a four-byte one is two code units), at any limit.
    const char = fc.constantFrom('a', '"', 'ñ', 'é', '€', '中', '😀', '𝄞', '\u0000');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), (chars, limit) => {
        const text = chars.join('');
        expect(page(text).head(limit)).toEqual(keptBody(text, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it('says a text exactly as long as the limit is whole, and one a character longer is cut', () => {
    expect(page('ñandú').head(5)).toEqual({ text: 'ñandú', truncated: false });
    expect(page('ñandús').head(5)).toEqual({ text: 'ñandú', truncated: true });
    expect(page('😀😀').head(3)).toEqual({ text: '😀\ud83d', truncated: true });
  });
});
