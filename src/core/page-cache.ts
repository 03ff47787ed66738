/**
 * Rendered list pages, kept while the data behind them is unchanged. A page is a pure function of
 * its sandbox's records and the request (query and base URL), and records are immutable values
 * whose every write bumps a version: so a page asked again at the same version is the same bytes,
 * and is answered from here instead of being filtered, ordered and assembled anew. Clients poll
 * lists (a frontend refreshing its table, a test waiting for a record); a repeated page costs a
 * lookup, and its bytes are encoded to UTF-8 once, not at every answer.
 *
 * One cache per provider app, bounded in entries and bytes, least recently used out first
 * (./kept-map.ts). A page is kept from the second time it is asked (`KeptMap.offer`): a client
 * walking a big list at random asks each page once, and keeping those pages only made the
 * collector copy them (a walk over 100,000 customers spent 30% more time per page with them).
 * A key names its sandbox and that sandbox's version, so a write makes the sandbox's old pages
 * unreachable (they age out) and never serves them; another sandbox's pages are never reached.
 */
import { keptBody } from './journal';
import { KeptMap } from './kept-map';

const DECODER = new TextDecoder();

/**
 * A page's UTF-8 bytes (what is sent), and its text decoded from them when read (what the journal
 * and tests read). The text is not kept beside the bytes: it doubled what a page weighs, so the
 * budget held half the pages. At 10,000 customers, a walk over random pages of Piriod's 500 pages
 * kept about 160 of them and replaced one at nearly every miss; each replaced page was garbage the
 * collector had already promoted.
 */
export class CachedPage {
  constructor(readonly bytes: Uint8Array<ArrayBuffer>) {}

  get text(): string {
    return DECODER.decode(this.bytes);
  }

  /**
   * The first `limit` characters of the text (UTF-16 code units, as `slice` counts them) and
   * whether it goes on: what the journal keeps, decoded from the bytes that hold them and no more.
   * The journal decoded every kept page whole at every answer to keep its first 8 KB: 40–70 µs
   * for a Piriod page of 30 KB with a few accented names in it (an ASCII page decodes in 1 µs).
   */
  head(limit: number): { text: string; truncated: boolean } {
    const { bytes } = this;
    let text = '';
    let at = 0;
    // A character takes at least one byte per code unit, so each round decodes no more than the
    // units still missing, extended to the end of the character it stops in.
    while (at < bytes.length && text.length < limit) {
      let end = Math.min(bytes.length, at + limit - text.length);
      while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end++;
      text += DECODER.decode(bytes.subarray(at, end));
      at = end;
    }
    if (text.length > limit) return keptBody(text, limit);
    return { text, truncated: at < bytes.length };
  }
}

export interface PageCacheLimits {
  /** Pages kept at most, over every sandbox. */
  maxEntries: number;
  /** Bytes kept at most (keys and encodings counted), over every sandbox. */
  maxBytes: number;
}

const DEFAULT_LIMITS: PageCacheLimits = { maxEntries: 512, maxBytes: 16 * 1024 * 1024 };

const serials = new WeakMap<object, number>();
let nextSerial = 1;

/** A number naming `owner` for as long as it lives (a sandbox's key is a token, which no cache key may hold). */
function serialOf(owner: object): number {
  let serial = serials.get(owner);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(owner, serial);
  }
  return serial;
}

export class PageCache {
  private readonly pages: KeptMap<string, CachedPage>;

  constructor(private readonly limits: PageCacheLimits = DEFAULT_LIMITS) {
    this.pages = new KeptMap(limits.maxEntries, limits.maxBytes, sizeOf);
  }

  /**
   * The page `request` names in `owner` at `version`, rendered by `render` when not kept. A page
   * is kept from the second time it is rendered; one larger than a tenth of the budget never is.
   *
   * An owner at version 0 has written nothing: it sees the seeded data exactly, as does every
   * other owner at version 0 of the same `pristine` kind (what else shapes an owner's pages, if
   * anything). Given that kind, such owners share their pages: a new sandbox's first list is one
   * already rendered, and no sandbox keeps a copy of the seed's pages of its own. `firstPage` says
   * the request is such a list's first page, unfiltered: one of those few is kept at its first
   * rendering (its second, in the first new sandbox after start, took 4 ms with the code still cold).
   */
  page(owner: object, version: number, request: string, render: () => string, pristine?: string, firstPage = false): CachedPage {
    // A request is the client's to make long (a GET body, a query): one that would weigh more
    // than a page is answered, never kept, so no client fills memory with keys.
    if (request.length > MAX_REQUEST_LENGTH) return encoded(render());
    // (A serial is digits: it never reads as `seed/…`.)
    const who = version === 0 && pristine !== undefined ? `seed/${pristine}` : serialOf(owner);
    const key = `${who}:${version}:${request}`;
    const kept = this.pages.get(key);
    if (kept) return kept;
    const page = encoded(render());
    if (sizeOf(key, page) > this.limits.maxBytes / 10) return page;
    // The seed's first page of a list in one of its orders (no filter, no page asked) is what a
    // new sandbox asks first, again and again: it is kept at once. Every other page waits for its
    // second asking, so a walk over pages or search terms pushes nothing out.
    if (firstPage && version === 0 && pristine !== undefined) this.pages.set(key, page);
    else this.pages.offer(key, page);
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}

/** Characters of a request kept at most in a key. */
const MAX_REQUEST_LENGTH = 4096;

const ENCODER = new TextEncoder();

function encoded(text: string): CachedPage {
  return new CachedPage(ENCODER.encode(text));
}

/** The key's UTF-16 units (2 bytes each) and the page's UTF-8 bytes. */
function sizeOf(key: string, page: CachedPage): number {
  return key.length * 2 + page.bytes.byteLength;
}
