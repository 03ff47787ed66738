/**
 * Judgements both providers' suites make in the same way, whatever the envelope: a record read
 * back equal, a response's record or JSON object read (or the check ended), a text field among
 * the expected ones, `created`/`updated` timestamps on writes, ids not repeated across pages, and
 * the results of a filter. Each provider passes its own paths and wording, so reports stay as
 * they were; what differs between the APIs stays in the provider's suite.
 */
import { downgrades, firstDifference } from './invariants';
import type { Context } from './context';
import { describe } from './conformance';
import { statusText, type Res } from './http';
import type { Level, Mode } from './report';
import type { CheckDef } from './runner';

type Ctx = Context<unknown>;
type Where = Pick<Res, 'method' | 'path'>;

/** Fails at the first place `actual` differs from `expected`, saying why it should have been equal. */
export function expectSameJson(ctx: Ctx, where: Where, expected: unknown, actual: unknown, why: string, path: PropertyKey[] = []): void {
  const diff = firstDifference(expected, actual, path);
  if (diff) ctx.fail(where, diff.jsonPath, `${diff.expected} (${why})`, diff.actual);
}

/**
 * A write's answer holds every field sent, as sent: a field a create or an update silently ignores,
 * or stores otherwise (null as `""`, a number as a string), shows. `readAs` says how the API shows
 * a field's value, applied to what was sent and to what came (a phone by its digits, a country
 * object by its code); `skip` names fields the caller judges itself (metadata that merges).
 */
export function expectEchoed(
  ctx: Ctx,
  where: Where,
  sent: Record<string, unknown>,
  record: Record<string, unknown>,
  options: { path: PropertyKey[]; skip?: readonly string[]; readAs?: Record<string, (value: unknown) => unknown> },
): void {
  for (const [field, value] of Object.entries(sent)) {
    if (options.skip?.includes(field)) continue;
    const read = options.readAs?.[field] ?? ((v: unknown) => v);
    expectSameJson(ctx, where, read(value), read(record[field]), 'as sent', [...options.path, field]);
  }
}

/** A 200 whose body equals `expected` (the record in its envelope); anything else is a failure. */
export function expectAnswered(ctx: Ctx, res: Res, expected: unknown, why: string): void {
  if (!ctx.expectStatus(res, 200)) return;
  expectSameJson(ctx, res, expected, res.json, why);
}

/** The response's body as a JSON object, or ends the check. */
export function requireObject(ctx: Ctx, res: Res): Record<string, unknown> {
  const body = res.json as Record<string, unknown> | undefined;
  ctx.require(typeof body === 'object' && body !== null && !Array.isArray(body), res, '$', 'a JSON object', typeof body);
  return body;
}

/**
 * The record an answer carries, or ends the check: the status must be `status` and the record
 * (taken out of its envelope by `pick`) must have an id of `idType` at `idPath`.
 */
export function requireRecord<T extends { id: unknown }>(
  ctx: Ctx,
  res: Res,
  status: number,
  pick: (json: unknown) => T | undefined,
  idPath: string,
  idType: 'number' | 'string',
): T {
  ctx.require(res.status === status, res, 'status', String(status), statusText(res));
  // The right status with a body that is not the record is a body problem: its place is the id's path.
  const body = pick(res.json);
  ctx.require(typeof body?.id === idType, res, idPath, `a ${idType} (the record's id)`, describe(body?.id));
  if (status === 201) expectLocationOf(ctx, res, body?.id);
  return body as T;
}

/**
 * A 201's Location, when it sends one, names the record it created (RFC 9110 §15.3.2): its path
 * ends in the record's id, so a client that follows it reads that record. Neither provider is
 * known to send one (DRF adds it only for a serializer with a `url` field), so none is asked for.
 */
export function expectLocationOf(ctx: Ctx, res: Res, id: unknown): void {
  const location = res.headers.get('location');
  if (location === null) return;
  let segment: string | undefined;
  try {
    const url = new URL(location, `http://target${res.path}`);
    segment = decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    segment = undefined;
  }
  ctx.expect(
    segment === String(id),
    res,
    'header location',
    `the created record's URL (ending in ${JSON.stringify(String(id))})`,
    location,
  );
}

/**
 * Sends a request that creates `what` and returns its answer. When no complete answer comes (the
 * connection broke, the body stalled), the report says `what` may exist on the target all the
 * same, `lost` lets later checks skip instead of creating it again, and the error goes on.
 */
export async function sendCreating(ctx: Ctx, what: string, send: () => Promise<Res>, lost?: () => void): Promise<Res> {
  try {
    return await send();
  } catch (error) {
    lost?.();
    ctx.note(`the create got no complete answer: ${what} may exist on the target (not deleted by this run)`);
    throw error;
  }
}

/** The query parameters of a link, or undefined when it is not an absolute URL. */
export function linkParams(link: unknown): URLSearchParams | undefined {
  if (typeof link !== 'string') return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.searchParams : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where `link` points, against the URL of `path` below the API root the run calls (`ctx.url`):
 * `list` — the same path (a client following it stays on the list), on the same origin or, with
 * `otherOrigin` set, another (an internal address a proxy leaked, or the public name of an API
 * the run reaches by another); `downgraded` when it takes an https:// run to http://;
 * `elsewhere` — not that list, or not an absolute http(s) URL.
 */
export function linkTarget<S>(
  ctx: Context<S>,
  link: unknown,
  path: string,
): { to: 'list'; otherOrigin?: string; downgraded?: boolean } | { to: 'elsewhere' } {
  if (linkParams(link) === undefined) return { to: 'elsewhere' };
  const url = new URL(link as string);
  const expected = ctx.url(path);
  if (url.pathname !== expected.pathname) return { to: 'elsewhere' };
  if (downgrades(expected, url)) return { to: 'list', otherOrigin: url.origin, downgraded: true };
  return url.origin === expected.origin ? { to: 'list' } : { to: 'list', otherOrigin: url.origin };
}

/**
 * Judges a pagination link to the list at `path`: elsewhere fails, and so does plain http:// when
 * the run called https:// (a client following it sends its key in clear: the TLS-terminating proxy
 * the framework was not told about); to the list on another origin than the run's is a warning (a
 * client following it leaves the API it called, which a proxy in front of the API may do on
 * purpose). True when the link leads to the list.
 */
export function expectListLink<S>(ctx: Context<S>, res: Res, field: string, link: unknown, path: string): boolean {
  const target = linkTarget(ctx, link, path);
  const expected = ctx.url(path);
  if (target.to === 'elsewhere') {
    ctx.fail(res, field, `an absolute URL of ${expected.origin}${expected.pathname}`, JSON.stringify(link));
    return false;
  }
  if (target.downgraded) {
    ctx.fail(res, field, `an https:// URL (the run called ${expected.origin}; http:// sends the key in clear)`, JSON.stringify(link));
  } else if (target.otherOrigin) {
    ctx.warn(res, field, `links to ${target.otherOrigin}, not to ${expected.origin} the run calls: a client following it leaves this API`);
  }
  return true;
}

/** A list answer as the shared checks read it: where its total and its records are. */
export interface ListRead {
  res: Res;
  total: unknown;
  totalPath: string;
  records: readonly unknown[];
  listPath: string;
}

/**
 * A filter or search that matches no record answers an empty page, not an error: a filter is a
 * WHERE clause, and a value nothing holds is no invalid value. Each query gets values carrying the
 * run's tag (`nobody`), which no real record holds.
 */
export async function expectNoMatch<S>(
  ctx: Context<S>,
  queries: (nobody: string) => Record<string, string | undefined>[],
  read: (query: Record<string, string | undefined>) => Promise<ListRead>,
): Promise<void> {
  for (const query of queries(`understudy-nobody-${ctx.options.runTag}`.toLowerCase())) {
    const page = await read(query);
    ctx.expect(page.total === 0, page.res, page.totalPath, '0', JSON.stringify(page.total));
    ctx.expect(page.records.length === 0, page.res, page.listPath, 'no records', `${page.records.length} records`);
  }
}

/** The string at `key` of a JSON object body (`message`, `detail` …), or undefined. */
export function textOf(res: Res, key: string): string | undefined {
  const body = res.json as Record<string, unknown> | undefined;
  const value = body?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Expects `{key: text}` with text one of `texts`. */
export function expectText(ctx: Ctx, res: Res, key: string, texts: string[]): void {
  const text = textOf(res, key);
  ctx.expect(
    text !== undefined && texts.includes(text),
    res,
    `$.${key}`,
    texts.map((t) => JSON.stringify(t)).join(' or '),
    text === undefined ? `no ${key} (${res.text.slice(0, 80)})` : JSON.stringify(text),
  );
}

/**
 * Expects a field's error messages (found at `jsonPath`) to be a list holding `message`; when
 * there are none, the report shows the start of the body (`shown` characters).
 */
export function expectMessageListed(
  ctx: Ctx,
  res: Res,
  jsonPath: string,
  field: string,
  messages: unknown,
  message: string,
  shown: number,
): void {
  ctx.expect(
    Array.isArray(messages) && messages.includes(message),
    res,
    jsonPath,
    `a list holding ${JSON.stringify(message)}`,
    messages === undefined ? `no errors for ${field} (${res.text.slice(0, shown)})` : JSON.stringify(messages),
  );
}

/** Expects an error body's `container` (its field errors) not to name `key`. */
export function expectNotNamed(
  ctx: Ctx,
  res: Res,
  container: Record<string, unknown> | undefined,
  key: string,
  jsonPath: string,
  expected: string,
): void {
  ctx.expect(!(container && typeof container === 'object' && key in container), res, jsonPath, expected, JSON.stringify(container?.[key]));
}

/** How a provider writes a record's creation and update times. */
export interface Timestamps<T> {
  /** JSON path of the record in an answer, with a trailing dot: `$.data.` or `$.`. */
  prefix: string;
  created: string;
  updated: string;
  is(value: unknown): value is T;
  compare(a: T, b: T): number;
  /** Whether an update must move `updated` forward (else: never backwards). */
  strictlyLater: boolean;
}

/** A new record's `updated` is not before its `created`. */
export function expectCreatedOrder<T>(ctx: Ctx, where: Where, times: Timestamps<T>, record: Record<string, unknown>): void {
  const created = record[times.created];
  const updated = record[times.updated];
  const ordered = times.is(created) && times.is(updated) && times.compare(created, updated) <= 0;
  ctx.expect(ordered, where, `${times.prefix}${times.updated}`, `not before ${times.created} (${created})`, JSON.stringify(updated));
}

/** After an update `created` is unchanged and `updated` has moved forward (or, where allowed, stayed). */
export function expectUpdateTimes<T>(
  ctx: Ctx,
  res: Res,
  times: Timestamps<T>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): void {
  const { created, updated } = times;
  ctx.expect(
    after[created] === before[created],
    res,
    `${times.prefix}${created}`,
    `${before[created]} (unchanged by an update)`,
    JSON.stringify(after[created]),
  );
  const a = after[updated];
  const b = before[updated];
  const ok = times.is(a) && times.is(b) && (times.strictlyLater ? times.compare(a, b) > 0 : times.compare(a, b) >= 0);
  ctx.expect(ok, res, `${times.prefix}${updated}`, times.strictlyLater ? `a time after ${b}` : `at or after ${b}`, JSON.stringify(a));
}

/** No record of a page has an id seen on an earlier page (`seen` collects them). */
export function expectNewIds<Id>(ctx: Ctx, res: Res, listPath: string, records: readonly { id: Id }[], seen: Set<Id>): void {
  for (const [i, record] of records.entries()) {
    ctx.expect(!seen.has(record.id), res, `${listPath}[${i}].id`, 'an id not seen on an earlier page', JSON.stringify(record.id));
    seen.add(record.id);
  }
}

/**
 * The pages of one ordered walk hold each record once: every page after the first as many records
 * as the total leaves it, no record of an earlier page again, and no link on from the last page. A sort whose key ties lets the
 * database plan each page alone (LIMIT/OFFSET over an order it need not repeat), so a record tied
 * with another may move between pages: a repeat is failed only when no other record of the walk
 * shares its key (`tieKey`) among the walk's records and `known` (other records of the account,
 * e.g. a first page of 100: the record a tie pushed off both pages is in neither), and otherwise noted.
 */
export function expectPartition<Id>(
  ctx: Ctx,
  pages: readonly { res: Res; records: readonly { id: Id }[]; next: unknown; total: unknown }[],
  total: number,
  size: number,
  paths: { list: string; next: string },
  tieKey: (record: { id: Id }) => string | undefined,
  known: readonly { id: Id }[] = [],
): void {
  // A live account written to between the pages (its total moved) shifts records across the
  // boundary: that is no drift, and the walk says so instead of judging it.
  if (pages.some((page) => page.total !== total)) {
    ctx.note(`the total changed between the pages (${pages.map((page) => page.total).join(' → ')}): the pages were not judged as one list`);
    return;
  }
  const listPath = paths.list;
  const keys = new Map<string, Set<Id>>();
  for (const record of [...known, ...pages.flatMap((page) => page.records)]) {
    const key = tieKey(record);
    if (key !== undefined) keys.set(key, (keys.get(key) ?? new Set()).add(record.id));
  }
  const seen = new Set<Id>();
  pages.forEach((page, k) => {
    const expected = Math.max(0, Math.min(size, total - k * size));
    if (k > 0) {
      ctx.expect(
        page.records.length === expected,
        page.res,
        listPath,
        `${expected} items on page ${k + 1} (${total} in all, ${size} a page)`,
        `${page.records.length} items`,
      );
    }
    // The page that ends the list links no further (an exact multiple of the page size included).
    if ((k + 1) * size >= total)
      ctx.expect(page.next === null, page.res, paths.next, `null on page ${k + 1}, the last`, JSON.stringify(page.next));
    for (const [i, record] of page.records.entries()) {
      if (seen.has(record.id)) {
        const key = tieKey(record);
        if (key !== undefined && (keys.get(key)?.size ?? 0) > 1)
          ctx.note(`${JSON.stringify(record.id)} seen on two pages: its sort key ties with another record's`);
        else ctx.fail(page.res, `${listPath}[${i}].id`, 'an id not seen on an earlier page of the walk', JSON.stringify(record.id));
      }
      seen.add(record.id);
    }
  });
}

/** A filter or search case: its query from a sample customer of the first page, and what a match is. */
export interface FilterCase<C> {
  id: string;
  title: string;
  /** The query, from the sample customer (and the rest of the first page); undefined when nothing is usable. */
  query(sample: C, page: C[]): Record<string, string> | undefined;
  /** Whether a result matches; `expected` describes a match for the report. */
  matches(customer: C, sample: C, page: C[]): boolean;
  expected(sample: C, page: C[]): string;
  /** The customers the filtered list must hold (default: the sample). */
  found?(sample: C, page: C[]): C[];
  field: string;
  show(customer: C): unknown;
  /** What a skip says the page lacks, when more than a customer with a value for `field` (Piriod). */
  lacking?: string;
  /**
   * For an exact filter: the query with a part of the sample's value (`exactPart`), which it must
   * not match, and that part, for the report.
   */
  part?(sample: C): { query: Record<string, string>; value: string } | undefined;
  /**
   * An order asked together with the filter: a filter backend that rebuilds the query when a
   * filter is given may drop the order, which a list asked with either alone never shows.
   */
  order?: FilterOrder<C>;
}

/** The order a filtered list is asked in (`query`), and how to find the first record out of it. */
export interface FilterOrder<C> {
  query: Record<string, string>;
  field: string;
  /** The index of the first record out of order, or -1. */
  disorder(records: C[]): number;
  /** What the out-of-order record should have been, for the report. */
  expected(records: C[], at: number): string;
  show(customer: C): unknown;
}

/** The filtered records come in the order asked with the filter (`filter.order`). */
export function expectFilterOrder<C>(ctx: Ctx, page: FilteredPage<C>, order: FilterOrder<C>): void {
  const at = order.disorder(page.records);
  if (at === -1) return;
  ctx.fail(
    page.res,
    `${page.listPath}[${at}].${order.field}`,
    `${order.expected(page.records, at)} (${new URLSearchParams(order.query)} asked with the filter)`,
    JSON.stringify(order.show(page.records[at])),
  );
}

/**
 * An exact filter's query (`param`, its value after `operator`) with a proper part of `value` no
 * exact comparison matches under any collation (its first character dropped: shorter, so neither
 * equal ignoring case nor padded with spaces), and that part; undefined when too short to leave one.
 */
export function exactPart(param: string, value: unknown, operator = ''): { query: Record<string, string>; value: string } | undefined {
  if (typeof value !== 'string' || value.length < 3) return undefined;
  const part = value.slice(1);
  return { query: { [param]: `${operator}${part}` }, value: part };
}

/** The page a filter answered, as the judgement of its results needs it. */
export interface FilteredPage<C> {
  res: Res;
  /** JSON path of the list: `$.data`, `$.results`. */
  listPath: string;
  records: C[];
  total: number;
  /** The page size asked for: when the total fits, every wanted customer must be on the page. */
  max: number;
  /** How a report names a wanted customer (`customer 12`, `cus_…`). */
  name(id: unknown): string;
}

/** Every result matches the filter, and (when the total fits one page) the wanted customers are there. */
export function expectFiltered<C extends { id: unknown }>(
  ctx: Ctx,
  page: FilteredPage<C>,
  filter: FilterCase<C>,
  seed: C,
  first: C[],
): void {
  page.records.forEach((customer, i) => {
    ctx.expect(
      filter.matches(customer, seed, first),
      page.res,
      `${page.listPath}[${i}].${filter.field}`,
      filter.expected(seed, first),
      JSON.stringify(filter.show(customer)),
    );
  });
  if (page.total <= page.max) {
    for (const wanted of filter.found?.(seed, first) ?? [seed]) {
      ctx.expect(
        page.records.some((c) => c.id === wanted.id),
        page.res,
        page.listPath,
        `a list holding ${page.name(wanted.id)}, whose value was filtered by`,
        `${page.records.length} customers without it`,
      );
    }
  }
}

/**
 * An exact filter given a part of the sample's value (`filter.part`) does not return the sample: a
 * filter loosened into a substring match (`icontains`, `LIKE %v%`) returns it, and more than asked.
 */
export async function expectExact<C extends { id: unknown }>(
  ctx: Ctx,
  filter: FilterCase<C>,
  seed: C,
  read: (query: Record<string, string>) => Promise<FilteredPage<C>>,
): Promise<void> {
  const part = filter.part?.(seed);
  if (!part) return;
  const page = await read(part.query);
  ctx.expect(
    !page.records.some((c) => c.id === seed.id),
    page.res,
    page.listPath,
    `no ${page.name(seed.id)}: its ${filter.field} is not ${JSON.stringify(part.value)}, and an exact filter matches no part of a value`,
    `${page.name(seed.id)} among ${page.records.length} customers`,
  );
}

/**
 * A schema-level check: every request the document calls valid answers `status`, and the context
 * judges each answer against the document, so a provider states only its requests (yielded one at
 * a time, each judged before the next is sent).
 */
export function schemaCheck<S>(id: string, title: string, status: number, requests: (ctx: Context<S>) => AsyncIterable<Res>): CheckDef<S> {
  return {
    id,
    level: 'schema',
    mode: 'read',
    title,
    async run(ctx) {
      for await (const res of requests(ctx)) ctx.expectStatus(res, status);
    },
  };
}

/**
 * The check that creates the run's customer (the write checks build on it): `created` creates it
 * once per run, or ends the check; the report notes its id.
 */
export function creatingCheck<S>(id: string, title: string, created: (ctx: Context<S>) => Promise<{ id: unknown }>): CheckDef<S> {
  return {
    id,
    level: 'schema',
    mode: 'write',
    title,
    async run(ctx) {
      const customer = await created(ctx);
      ctx.note(`created ${customer.id}`);
    },
  };
}

/** A check whose level and mode its group states (see checksOf). */
export type GroupedCheck<S> = Omit<CheckDef<S>, 'level' | 'mode'>;

/**
 * A group of checks of one level and mode (the write round trips are all behaviour checks that
 * write): the group states them once rather than every check repeating them.
 */
export function checksOf<S>(level: Level, mode: Mode, checks: readonly GroupedCheck<S>[]): CheckDef<S>[] {
  return checks.map((check) => ({ ...check, level, mode }));
}
