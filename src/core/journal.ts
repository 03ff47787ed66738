/**
 * The journal: the last requests each sandbox answered, for a test or a person to see what an app
 * sent and what it got (WireMock's request journal, per tenant). Bounded twice, in entries and in
 * bytes (bodies are cut at `bodyBytes`), the oldest dropped first. Credentials never reach it: the
 * Authorization header is kept as its scheme and the token's fingerprint.
 */
import { fingerprint } from './log';

export interface JournalLimits {
  /** Entries kept per sandbox (0: no journal). */
  entries: number;
  /** Bytes kept per sandbox, bodies included (approximate: characters). */
  bytes: number;
  /** Bytes kept by every sandbox's journal together: past it the oldest entries anywhere go. */
  totalBytes: number;
  /** The most of one body kept; the rest is cut (`truncated`). */
  bodyBytes: number;
}

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = { entries: 100, bytes: 256 * 1024, totalBytes: 16 * 1024 * 1024, bodyBytes: 8 * 1024 };

export interface JournalMessage {
  headers: Record<string, string>;
  body: string | null;
  /** True when the body was longer than what is kept. */
  truncated: boolean;
}

export interface JournalEntry {
  /** Increasing within the app: entries sort by it. */
  seq: number;
  time: string;
  method: string;
  path: string;
  /** The query string without its `?` ('' for none). */
  query: string;
  status: number;
  ms: number;
  request: JournalMessage;
  response: JournalMessage;
}

export interface JournalFilter {
  method?: string;
  /** A path prefix, or an exact path. */
  path?: string;
  /** `404`, or a class: `4xx`. */
  status?: string;
  /** Entries at or after this instant (ISO 8601). */
  since?: string;
}

/**
 * The first `limit` characters of a body, as the journal keeps them, and whether that cut it. The
 * part is a copy of its own: a slice of a longer text is a view (a V8 sliced string) that keeps
 * the whole text alive, and the journal held each 64 KB page a sandbox was answered after a write
 * for the 8 KB it shows. Those pages survived the young generation's collections whole: at 100,000
 * customers, journal on, a new sandbox every few milliseconds made each collection copy 3.4 MB
 * and pause 10–16 ms. Joined to one more character, the part is copied flat (one memcpy, under a
 * µs for 8 KB); the slice taken back off it is a view of that copy only.
 */
export function keptBody(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  return { text: `${text.slice(0, limit)} `.slice(0, limit), truncated: true };
}

const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Request or response headers, with credentials replaced by a fingerprint. */
export function redactedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!REDACTED_HEADERS.has(name)) out[name] = value;
    else {
      const space = value.indexOf(' ');
      const scheme = space === -1 ? '' : `${value.slice(0, space)} `;
      out[name] = `${scheme}[redacted ${fingerprint(space === -1 ? value : value.slice(space + 1).trim())}]`;
    }
  });
  return out;
}

const entrySize = (e: JournalEntry) =>
  200 +
  e.path.length +
  e.query.length +
  (e.request.body?.length ?? 0) +
  (e.response.body?.length ?? 0) +
  JSON.stringify(e.request.headers).length;

/**
 * What all journals hold together, oldest entry first across journals: past `totalBytes` the
 * globally oldest entries go, whichever sandbox they belong to.
 */
export class JournalBudget {
  used = 0;
  private readonly order: { journal: Journal; seq: number }[] = [];
  private head = 0;

  constructor(readonly totalBytes: number) {}

  added(journal: Journal, seq: number): void {
    this.order.push({ journal, seq });
    while (this.used > this.totalBytes && this.head < this.order.length) {
      const { journal: oldest, seq: oldestSeq } = this.order[this.head++];
      oldest.dropIfFirst(oldestSeq);
    }
    // Entries dropped another way leave stale places behind: compact now and then.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}

export class Journal {
  private entries: JournalEntry[] = [];
  private sizes: number[] = [];
  private bytes = 0;

  constructor(
    private readonly limits: JournalLimits,
    private readonly budget: JournalBudget,
  ) {}

  add(entry: JournalEntry): void {
    const size = entrySize(entry);
    if (size > this.limits.bytes) return;
    this.entries.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    this.budget.used += size;
    while (this.entries.length > this.limits.entries || this.bytes > this.limits.bytes) this.dropFirst();
    this.budget.added(this, entry.seq);
  }

  private dropFirst(): void {
    this.entries.shift();
    const size = this.sizes.shift()!;
    this.bytes -= size;
    this.budget.used -= size;
  }

  /** Drops the oldest entry if it is the one numbered `seq` (the budget's oldest). */
  dropIfFirst(seq: number): void {
    if (this.entries[0]?.seq === seq) this.dropFirst();
  }

  get size(): number {
    return this.entries.length;
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.entries.filter(matcher(filter));
  }

  clear(): void {
    this.budget.used -= this.bytes;
    this.entries = [];
    this.sizes = [];
    this.bytes = 0;
  }
}

/** Checks a filter given as query parameters; the message names the parameter. */
export function parseJournalFilter(query: Record<string, string | undefined>): JournalFilter | string {
  const { method, path, status, since } = query;
  if (status !== undefined && !/^[1-5](\d\d|xx)$/i.test(status)) return 'status must be a status (404) or a class (4xx)';
  if (since !== undefined && Number.isNaN(Date.parse(since))) return 'since must be an ISO 8601 instant';
  return { method, path, status, since };
}

function matcher(filter: JournalFilter): (e: JournalEntry) => boolean {
  const method = filter.method?.toUpperCase();
  const since = filter.since === undefined ? undefined : Date.parse(filter.since);
  const status = filter.status?.toLowerCase();
  return (e) =>
    (method === undefined || e.method === method) &&
    (filter.path === undefined ||
      e.path === filter.path ||
      e.path.startsWith(filter.path.endsWith('/') ? filter.path : `${filter.path}/`)) &&
    (status === undefined || (status.endsWith('xx') ? String(e.status)[0] === status[0] : String(e.status) === status)) &&
    (since === undefined || Date.parse(e.time) >= since);
}
