/**
 * Behaviour of the customer list: DRF page-number pagination (count, next, previous, page sizes,
 * out-of-range pages, parameters it ignores), walking `next` to the end, and the relations each
 * customer renders (its contacts and sources are its own). Ordering is in ./ordering.
 */
import type { CheckDef } from '../../check/runner';
import { MESSAGES } from '../messages';
import type { Res } from '../../check/http';
import { compareInstants } from '../../check/invariants';
import { checksOf, expectAnswered, expectListLink, expectNewIds, expectSameJson, type GroupedCheck } from '../../check/suite-kit';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type CustomerView,
  customerPath,
  expectDetail,
  firstPage,
  linkParams,
  list,
  ops,
  readPage,
  type Ctx,
  type Page,
  type PiriodState,
} from './api';

type Grouped = GroupedCheck<PiriodState>;
type Check = CheckDef<PiriodState>;

/**
 * The query string of `link` when it points at the list (DRF builds it from the request: the path
 * the run called, on the origin it called), else a failure and undefined.
 */
function followable(ctx: Ctx, res: Res, field: string, link: string) {
  return expectListLink(ctx, res, field, link, '/customers/') ? new URL(link).search : undefined;
}

/** Each customer of a page was updated at or after its creation (DRF's auto_now after auto_now_add). */
function expectUpdatedAfterCreated(ctx: Ctx, page: { res: Res; results: CustomerView[] }): void {
  page.results.forEach((customer, i) => {
    const { created, updated } = customer;
    if (typeof created !== 'string' || typeof updated !== 'string') return;
    ctx.expect(
      !(compareInstants(updated, created) < 0),
      page.res,
      `$.results[${i}].updated`,
      `at or after created ${created}`,
      JSON.stringify(updated),
    );
  });
}

const walk: Grouped = {
  id: 'piriod.list.walk-next',
  title: 'walking `next` visits every customer once; count, page sizes and links agree; `page=last` is the last page',
  async run(ctx: Ctx) {
    const total = (await firstPage(ctx)).count;
    // Pages large enough to stay under the cap, and never smaller than the default size.
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(DEFAULT_PAGE_SIZE, Math.ceil(total / ctx.options.maxPages)));
    const expectedPages = Math.max(1, Math.ceil(total / pageSize));
    // The documented default order, asked for by name: every link must carry it (and the page
    // size) on, as DRF's replace_query_param keeps each parameter but `page`.
    const asked = { page_size: String(pageSize), ordering: '-created' };
    const keeps = (res: Res, field: string, link: string) =>
      ctx.expect(
        Object.entries(asked).every(([name, value]) => linkParams(link)?.get(name) === value),
        res,
        field,
        `a link that keeps ${new URLSearchParams(asked)}`,
        JSON.stringify(link),
      );
    let page = readPage(ctx, await list(ctx, asked));
    const seen = new Set<string>();
    for (let number = 1; ; number++) {
      const { res } = page;
      ctx.expect(page.count === total, res, '$.count', String(total), String(page.count));
      const last = number === expectedPages;
      const size = last ? total - pageSize * (expectedPages - 1) : pageSize;
      ctx.expect(
        page.results.length === size,
        res,
        '$.results',
        `${size} items on page ${number} of ${expectedPages}`,
        `${page.results.length} items`,
      );
      expectNewIds(ctx, res, '$.results', page.results, seen);
      expectUpdatedAfterCreated(ctx, page);
      // DRF drops `page` from the link back to page 1 and keeps every other parameter.
      if (number === 1) ctx.expect(page.previous === null, res, '$.previous', 'null on page 1', JSON.stringify(page.previous));
      else if (page.previous === null) ctx.fail(res, '$.previous', `a link to page ${number - 1}`, 'null');
      else {
        const back = linkParams(page.previous);
        const backPage = back?.get('page') ?? '1';
        ctx.expect(backPage === String(number - 1), res, '$.previous', `a link to page ${number - 1}`, JSON.stringify(page.previous));
        keeps(res, '$.previous', page.previous);
      }
      if (last) {
        ctx.expect(page.next === null, res, '$.next', 'null on the last page', JSON.stringify(page.next));
        break;
      }
      if (page.next === null) {
        ctx.fail(res, '$.next', `a link to page ${number + 1} of ${expectedPages}`, 'null');
        break;
      }
      const search = followable(ctx, res, '$.next', page.next);
      if (search === undefined) break;
      const params = new URLSearchParams(search);
      ctx.expect(params.get('page') === String(number + 1), res, '$.next', `a link with page=${number + 1}`, JSON.stringify(page.next));
      keeps(res, '$.next', page.next);
      if (number >= ctx.options.maxPages) {
        ctx.note(`stopped after ${number} of ${expectedPages} pages (--max-pages ${ctx.options.maxPages})`);
        return;
      }
      page = readPage(ctx, await list(ctx, {}, search));
    }
    ctx.expect(seen.size === total, page.res, '$.count', `${total} distinct customers over all pages`, `${seen.size}`);
    ctx.note(`walked ${expectedPages} page(s) of ${pageSize}, ${total} customers`);
    // PageNumberPagination takes `page=last` (last_page_strings), and the document says so.
    const last = readPage(ctx, await list(ctx, { ...asked, page: 'last' }));
    const ids = (p: Page) => p.results.map((c) => c.id);
    expectSameJson(ctx, last.res, ids(page), ids(last), `the ids of page ${expectedPages}, the last one walked`, ['results']);
  },
};

const checks: Grouped[] = [
  {
    id: 'piriod.list.first-page',
    title: 'GET /customers/ pages 20 by default with consistent count, next and previous',
    async run(ctx: Ctx) {
      const page = readPage(ctx, await list(ctx, {}));
      const { res, count } = page;
      const size = Math.min(count, DEFAULT_PAGE_SIZE);
      ctx.expect(
        page.results.length === size,
        res,
        '$.results',
        `${size} items (count ${count}, page size ${DEFAULT_PAGE_SIZE})`,
        `${page.results.length} items`,
      );
      ctx.expect(page.previous === null, res, '$.previous', 'null', JSON.stringify(page.previous));
      if (count > DEFAULT_PAGE_SIZE) {
        const next = page.next === null ? undefined : linkParams(page.next);
        ctx.expect(next?.get('page') === '2', res, '$.next', 'an absolute URL with page=2', JSON.stringify(page.next));
        if (page.next !== null) followable(ctx, res, '$.next', page.next);
      } else {
        ctx.expect(page.next === null, res, '$.next', `null (count ${count} fits one page)`, JSON.stringify(page.next));
      }
    },
  },
  walk,
  {
    id: 'piriod.list.page-size-cap',
    title: 'page_size is taken as asked at its bounds: 1 gives one customer, above 100 is capped at 100',
    async run(ctx: Ctx) {
      // get_page_size takes any positive integer up to max_page_size; a proxy or a paginator with
      // a floor of its own answers its default page to a small page_size (readPage holds page_size=1
      // to min(count, 1) results).
      readPage(ctx, await list(ctx, { page_size: 1 }));
      const page = readPage(ctx, await list(ctx, { page_size: 1000 }));
      const size = Math.min(page.count, MAX_PAGE_SIZE);
      ctx.expect(page.results.length === size, page.res, '$.results', `${size} items`, `${page.results.length} items`);
    },
  },
  {
    id: 'piriod.retrieve.matches-list',
    title: 'GET /customers/{id}/ answers the same customer the list shows',
    async run(ctx: Ctx) {
      const page = await firstPage(ctx);
      if (page.results.length === 0) ctx.skip('the account has no customers');
      for (const customer of page.results.slice(0, 3)) {
        expectAnswered(ctx, await ctx.send(ops.retrieve, { path: customerPath(customer.id) }), customer, 'as in the list');
      }
    },
  },
  {
    id: 'piriod.list.invalid-page',
    title: `a page past the end, page=0 and page=abc answer 404 "${MESSAGES.invalidPage}"`,
    async run(ctx: Ctx) {
      const { count } = await firstPage(ctx);
      const past = Math.max(1, Math.ceil(count / DEFAULT_PAGE_SIZE)) + 1;
      for (const page of [String(past), '0', 'abc']) {
        const res = await list(ctx, { page });
        // DRF's PageNumberPagination turns every InvalidPage into NotFound(`MESSAGES.invalidPage`).
        if (ctx.expectStatus(res, 404)) expectDetail(ctx, res, MESSAGES.invalidPage);
      }
    },
  },
  {
    id: 'piriod.list.lenient-params',
    title: 'an unknown parameter, an unknown ordering field and an invalid page_size are ignored, as DRF does',
    async run(ctx: Ctx) {
      const { count } = await firstPage(ctx);
      // django-filter ignores parameters it does not declare; OrderingFilter drops unknown fields
      // (remove_invalid_fields); get_page_size falls back to the default on a value that is not a
      // positive integer. The values carry "understudy" so that they are recognisable in logs.
      for (const query of [{ understudy_unknown: '1' }, { ordering: 'understudy_unknown' }, { page_size: 'understudy' }]) {
        const page = readPage(ctx, await list(ctx, query));
        ctx.expect(page.count === count, page.res, '$.count', `${count} (as without the parameter)`, String(page.count));
        const size = Math.min(count, DEFAULT_PAGE_SIZE);
        ctx.expect(
          page.results.length === size,
          page.res,
          '$.results',
          `${size} items (the default page size)`,
          `${page.results.length} items`,
        );
      }
    },
  },
];

/**
 * A customer's contacts and sources are its own: each contact names its customer, and no contact
 * or source appears under two customers (the database's foreign keys).
 */
const relations: Grouped = {
  id: 'piriod.list.relations',
  title: "each customer's contacts name that customer, and no contact or source belongs to two customers",
  async run(ctx: Ctx) {
    const page = await firstPage(ctx);
    const owners = new Map<string, string>();
    let related = 0;
    page.results.forEach((customer, i) => {
      const contacts = Array.isArray(customer.contacts) ? (customer.contacts as { id?: unknown; customer?: unknown }[]) : [];
      contacts.forEach((contact, j) => {
        related++;
        ctx.expect(
          contact?.customer === customer.id,
          page.res,
          `$.results[${i}].contacts[${j}].customer`,
          JSON.stringify(customer.id),
          JSON.stringify(contact?.customer),
        );
      });
      const sources = Array.isArray(customer.sources) ? (customer.sources as unknown[]) : [];
      const ids = [...contacts.map((c) => c?.id), ...sources.map((s) => (typeof s === 'string' ? s : (s as { id?: unknown } | null)?.id))];
      for (const id of ids) {
        if (typeof id !== 'string') continue;
        related++;
        const owner = owners.get(id);
        ctx.expect(
          owner === undefined || owner === customer.id,
          page.res,
          `$.results[${i}]`,
          `${id} only under its own customer`,
          `${id} also under ${owner}`,
        );
        owners.set(id, customer.id);
      }
    });
    if (related === 0) ctx.skip('no customer on the first page has contacts or sources');
  },
};

export const listChecks: Check[] = checksOf('behaviour', 'read', [...checks, relations]);
