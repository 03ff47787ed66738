/**
 * Behaviour of the customer list: Laravel's length-aware pagination (`links`, `meta`, page sizes,
 * pages past the end, parameters it ignores), walking `links.next` to the end, and the relations
 * each customer lists (its addresses, subscriptions and sources are its own). Sorting is in ./sorting.
 */
import type { CheckDef } from '../../check/runner';
import { checksOf, expectAnswered, expectListLink, expectNewIds, type GroupedCheck } from '../../check/suite-kit';
import { laravel, PAGINATION_LABELS } from '../messages';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  expectFieldError,
  firstPage,
  linkParams,
  list,
  pageOfOne,
  readPage,
  retrieve,
  type Ctx,
  type Page,
  type PelcroState,
} from './api';

type Grouped = GroupedCheck<PelcroState>;
type Check = CheckDef<PelcroState>;

/** Judges `meta` and `links` of page `number` of a list of `total` at `limit` per page. */
function expectPageFacts(ctx: Ctx, page: Page, number: number, limit: number, total: number): void {
  const { res, meta, links } = page;
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const size = number < lastPage ? limit : number === lastPage ? total - limit * (lastPage - 1) : 0;
  const from = size === 0 ? null : (number - 1) * limit + 1;
  const to = size === 0 ? null : (number - 1) * limit + size;
  const same = (path: string, expected: unknown, actual: unknown) =>
    ctx.expect(expected === actual, res, path, JSON.stringify(expected), JSON.stringify(actual));
  same('$.meta.total', total, meta.total);
  same('$.meta.per_page', limit, meta.per_page);
  same('$.meta.current_page', number, meta.current_page);
  same('$.meta.last_page', lastPage, meta.last_page);
  same('$.meta.from', from, meta.from);
  same('$.meta.to', to, meta.to);
  ctx.expect(page.data.length === size, res, '$.data', `${size} items on page ${number} of ${lastPage}`, `${page.data.length} items`);
  const pageOf = (link: unknown) => linkParams(link)?.get('page');
  // Every link leads to the list the run called (LengthAwarePaginator builds them from the request's URL).
  for (const [field, link] of [
    ['$.links.first', links.first],
    ['$.links.last', links.last],
    ['$.links.prev', links.prev],
    ['$.links.next', links.next],
  ] as const) {
    if (link !== null && link !== undefined) expectListLink(ctx, res, field, link, '/customers');
  }
  if (typeof meta.path === 'string') expectListLink(ctx, res, '$.meta.path', meta.path, '/customers');
  // Laravel's created_at and updated_at (Unix seconds here): a record is never updated before it is made.
  page.data.forEach((customer, i) => {
    const { created_at: created, updated_at: updated } = customer;
    if (typeof created === 'number' && typeof updated === 'number') {
      ctx.expect(updated >= created, res, `$.data[${i}].updated_at`, `at or after created_at ${created}`, String(updated));
    }
  });
  ctx.expect(pageOf(links.first) === '1', res, '$.links.first', 'a URL with page=1', JSON.stringify(links.first));
  ctx.expect(pageOf(links.last) === String(lastPage), res, '$.links.last', `a URL with page=${lastPage}`, JSON.stringify(links.last));
  if (number <= 1) same('$.links.prev', null, links.prev);
  else
    ctx.expect(pageOf(links.prev) === String(number - 1), res, '$.links.prev', `a URL with page=${number - 1}`, JSON.stringify(links.prev));
  if (number >= lastPage) same('$.links.next', null, links.next);
  else
    ctx.expect(pageOf(links.next) === String(number + 1), res, '$.links.next', `a URL with page=${number + 1}`, JSON.stringify(links.next));
  // meta.links: "« Previous", the page numbers (elided with "..." on long lists), "Next »"; the
  // current page's entry is the active one.
  const entries = Array.isArray(meta.links) ? (meta.links as { label?: unknown; active?: unknown }[]) : [];
  ctx.expect(
    entries[0]?.label === PAGINATION_LABELS.previous,
    res,
    '$.meta.links[0].label',
    JSON.stringify(PAGINATION_LABELS.previous),
    JSON.stringify(entries[0]?.label),
  );
  ctx.expect(
    entries.at(-1)?.label === PAGINATION_LABELS.next,
    res,
    `$.meta.links[${entries.length - 1}].label`,
    JSON.stringify(PAGINATION_LABELS.next),
    JSON.stringify(entries.at(-1)?.label),
  );
  if (number <= lastPage) {
    const active = entries.filter((e) => e.active === true).map((e) => e.label);
    ctx.expect(
      active.length === 1 && active[0] === String(number),
      res,
      '$.meta.links',
      `one active entry, labelled "${number}"`,
      JSON.stringify(active),
    );
  }
  // Each entry links where its label says: a page number to that page, "« Previous" and "Next »"
  // to links.prev and links.next (LengthAwarePaginator::linkCollection builds them from the same URLs).
  entries.forEach((entry, i) => {
    const url = (entry as { url?: unknown }).url ?? null;
    if (url !== null) expectListLink(ctx, res, `$.meta.links[${i}].url`, url, '/customers');
    if (typeof entry.label === 'string' && /^\d+$/.test(entry.label)) {
      ctx.expect(pageOf(url) === entry.label, res, `$.meta.links[${i}].url`, `a URL with page=${entry.label}`, JSON.stringify(url));
    } else if (i === 0 || i === entries.length - 1) {
      const expected = i === 0 ? links.prev : links.next;
      const expectedPage = expected === null || expected === undefined ? null : pageOf(expected);
      const actualPage = url === null ? null : pageOf(url);
      ctx.expect(
        expectedPage === actualPage,
        res,
        `$.meta.links[${i}].url`,
        `${JSON.stringify(expected ?? null)} (as links.${i === 0 ? 'prev' : 'next'})`,
        JSON.stringify(url),
      );
    }
  });
}

const walk: Grouped = {
  id: 'pelcro.list.walk-next',
  title: 'walking `links.next` visits every customer once; meta and links agree on every page',
  async run(ctx: Ctx) {
    const total = (await firstPage(ctx)).meta.total;
    const limit = Math.min(MAX_LIMIT, Math.max(DEFAULT_LIMIT, Math.ceil(total / ctx.options.maxPages)));
    const lastPage = Math.max(1, Math.ceil(total / limit));
    let page = readPage(ctx, await list(ctx, { limit }));
    const seen = new Set<number>();
    for (let number = 1; ; number++) {
      expectPageFacts(ctx, page, number, limit, total);
      expectNewIds(ctx, page.res, '$.data', page.data, seen);
      if (number >= lastPage) break;
      const next = linkParams(page.links.next)?.get('page');
      if (!next) break; // judged by expectPageFacts
      if (number >= ctx.options.maxPages) {
        ctx.note(`stopped after ${number} of ${lastPage} pages (--max-pages ${ctx.options.maxPages})`);
        return;
      }
      // Laravel's page URLs carry only `?page=N` (no appends() in Pelcro's own example): the
      // client adds its site_id and limit again, as the docs' pagination example implies.
      page = readPage(ctx, await list(ctx, { limit, page: next }));
    }
    ctx.expect(seen.size === total, page.res, '$.meta.total', `${total} distinct customers over all pages`, String(seen.size));
    ctx.note(`walked ${lastPage} page(s) of ${limit}, ${total} customers`);
  },
};

const checks: Grouped[] = [
  {
    id: 'pelcro.list.first-page',
    title: 'GET /customers pages 10 by default with consistent links and meta',
    async run(ctx: Ctx) {
      const page = readPage(ctx, await list(ctx, {}));
      expectPageFacts(ctx, page, 1, DEFAULT_LIMIT, page.meta.total);
      const path = page.meta.path;
      ctx.expect(
        typeof path === 'string' && !path.includes('?') && /\/customers$/.test(path),
        page.res,
        '$.meta.path',
        'the list URL without a query',
        JSON.stringify(path),
      );
    },
  },
  walk,
  {
    id: 'pelcro.list.past-end',
    title: 'a page past the end answers 200 with no data (Laravel does not 404)',
    async run(ctx: Ctx) {
      const total = (await firstPage(ctx)).meta.total;
      const number = Math.max(1, Math.ceil(total / DEFAULT_LIMIT)) + 1;
      const page = readPage(ctx, await list(ctx, { page: number }));
      expectPageFacts(ctx, page, number, DEFAULT_LIMIT, total);
    },
  },
  {
    id: 'pelcro.list.limit-bounds',
    title: "limit above 100 or below 1 answers 400 with Laravel's max/min messages; 1 and 100 are taken as asked",
    async run(ctx: Ctx) {
      const over = await list(ctx, { limit: MAX_LIMIT + 1 });
      if (ctx.expectStatus(over, 400)) expectFieldError(ctx, over, 'limit', laravel.maxNumeric('limit', MAX_LIMIT));
      const under = await list(ctx, { limit: 0 });
      if (ctx.expectStatus(under, 400)) expectFieldError(ctx, under, 'limit', laravel.minNumeric('limit', 1));
      // The limits allowed at both ends are taken as asked, whatever the site holds: a paginator
      // with a floor of its own answers its default page to limit=1. The pages of 1 and of 100 are
      // the ones other checks share (no request of their own).
      const least = readPage(ctx, await pageOfOne(ctx));
      expectPageFacts(ctx, least, 1, 1, least.meta.total);
      const most = await firstPage(ctx);
      ctx.expect(most.meta.per_page === MAX_LIMIT, most.res, '$.meta.per_page', String(MAX_LIMIT), JSON.stringify(most.meta.per_page));
    },
  },
  {
    id: 'pelcro.retrieve.matches-list',
    title: 'GET /customers/{id} answers the same customer the list shows',
    async run(ctx: Ctx) {
      const page = await firstPage(ctx);
      if (page.data.length === 0) ctx.skip('the site has no customers');
      for (const customer of page.data.slice(0, 3)) {
        expectAnswered(ctx, await retrieve(ctx, customer.id), { data: customer }, 'as in the list');
      }
    },
  },
  {
    id: 'pelcro.list.lenient-params',
    title: 'a query parameter the API does not know is ignored, as Laravel does',
    async run(ctx: Ctx) {
      const { total } = (await firstPage(ctx)).meta;
      // A controller reads the input it validates; the rest of the query is never looked at.
      const page = readPage(ctx, await list(ctx, { understudy_unknown: '1' }));
      ctx.expect(
        page.meta.total === total,
        page.res,
        '$.meta.total',
        `${total} (as without the parameter)`,
        JSON.stringify(page.meta.total),
      );
    },
  },
];

/**
 * A customer's addresses, subscriptions and payment sources are its own: no address, subscription
 * or default source appears under two customers (each such record has one `user_id`).
 */
const relations: Grouped = {
  id: 'pelcro.list.relations',
  title: 'no address, subscription or default source is listed under two customers',
  async run(ctx: Ctx) {
    const page = await firstPage(ctx);
    const owners = new Map<string, number>();
    let related = 0;
    page.data.forEach((customer, i) => {
      const ids: [string, string, unknown][] = [
        ...(Array.isArray(customer.addresses) ? customer.addresses : []).map(
          (id, j) => ['address', `addresses[${j}]`, id] as [string, string, unknown],
        ),
        ...(Array.isArray(customer.subscriptions) ? customer.subscriptions : []).map(
          (id, j) => ['subscription', `subscriptions[${j}]`, id] as [string, string, unknown],
        ),
        ['source', 'default_source_id', customer.default_source_id],
      ];
      for (const [kind, where, id] of ids) {
        if (typeof id !== 'number') continue;
        related++;
        const owner = owners.get(`${kind} ${id}`);
        ctx.expect(
          owner === undefined || owner === customer.id,
          page.res,
          `$.data[${i}].${where}`,
          `a ${kind} of customer ${customer.id} alone`,
          `${kind} ${id}, also under customer ${owner}`,
        );
        owners.set(`${kind} ${id}`, customer.id);
      }
    });
    if (related === 0) ctx.skip('no customer on the first page has addresses, subscriptions or a default source');
  },
};

export const listChecks: Check[] = checksOf('behaviour', 'read', [...checks, relations]);
