/**
 * Behaviour of `?ordering=` (DRF OrderingFilter): the list is ordered across page boundaries, not
 * only within the first page. Each check reads two pages sized so that the account fills both
 * (at most 100 a page), and judges the two as one sequence: in order, and each customer once.
 */
import { compareInstants, firstDisorder, instantMs, stringDisorder, type Direction } from '../../check/invariants';
import type { CheckDef } from '../../check/runner';
import { expectPartition } from '../../check/suite-kit';
import { MAX_PAGE_SIZE, firstPage, list, readPage, type Ctx, type CustomerView, type Page, type PiriodState } from './api';

type Check = CheckDef<PiriodState>;

/** A page size that spreads `count` customers over two pages (at most 100 a page). */
export function twoPageSize(count: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.ceil(count / 2)));
}

/**
 * What two records tie on when ordered by `field`: a name under the loosest collation (case and
 * accents folded), an instant by its milliseconds.
 */
function tieKey(field: 'name' | 'created' | 'updated', value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (field === 'name') return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return String(instantMs(value));
}

/** Fails at the first customer of `page` out of `direction` by instant `field` (one page alone). */
function expectOrdered(ctx: Ctx, page: Page, field: 'created' | 'updated', direction: Direction): void {
  const rows = page.results
    .map((c: CustomerView, i) => ({ i, value: c[field] }))
    .filter((row): row is { i: number; value: string } => typeof row.value === 'string');
  const at = firstDisorder(
    rows.map((row) => row.value),
    compareInstants,
    direction,
  );
  if (at === -1) return;
  ctx.fail(
    page.res,
    `$.results[${rows[at].i}].${field}`,
    `${field} ${direction === 'asc' ? 'at or after' : 'at or before'} ${JSON.stringify(rows[at - 1].value)}`,
    JSON.stringify(rows[at].value),
  );
}

/**
 * `?ordering=` of `field` in `direction`; with `byDefault`, the list asked without `ordering`,
 * which the docs say is newest first (`-created`).
 */
function orderingCheck(field: 'name' | 'created' | 'updated', direction: Direction, byDefault = false): Check {
  const param = byDefault ? undefined : direction === 'asc' ? field : `-${field}`;
  const order = `ordered by ${field}, ${direction === 'asc' ? 'ascending' : 'descending'}, across pages`;
  return {
    id: byDefault ? 'piriod.ordering.default' : `piriod.ordering.${direction === 'asc' ? '' : 'desc-'}${field}`,
    level: 'behaviour',
    mode: 'read',
    title: byDefault ? `without ?ordering= the list is newest first: ${order}` : `?ordering=${param} returns customers ${order}`,
    async run(ctx: Ctx) {
      const first = await firstPage(ctx);
      const { count, results: known } = first;
      // The page of 100 every check shares is asked without `ordering` too: it is held to the
      // default order as well, so a page size that changes the order shows at no extra request.
      if (byDefault) expectOrdered(ctx, first, 'created', 'desc');
      const size = twoPageSize(count);
      const pages: Page[] = [readPage(ctx, await list(ctx, { ordering: param, page_size: size }))];
      if (pages[0].count > size) pages.push(readPage(ctx, await list(ctx, { ordering: param, page_size: size, page: 2 })));
      const walk = pages.map((page) => ({ res: page.res, records: page.results, next: page.next, total: page.count }));
      expectPartition(
        ctx,
        walk,
        pages[0].count,
        size,
        { list: '$.results', next: '$.next' },
        (c) => tieKey(field, (c as CustomerView)[field]),
        known,
      );
      // Each value with where it was seen, so a disorder on page 2 is reported on page 2.
      const rows = pages.flatMap((page) =>
        page.results
          .map((c: CustomerView, i) => ({ page, i, value: c[field] }))
          .filter((row): row is typeof row & { value: string } => typeof row.value === 'string'),
      );
      const values = rows.map((row) => row.value);
      if (new Set(values).size < 2) ctx.skip(`fewer than two distinct ${field} values to order`);
      const at = field === 'name' ? stringDisorder(values, direction) : firstDisorder(values, compareInstants, direction);
      if (at === -1) return;
      const { page, i } = rows[at];
      const across = rows[at - 1].page !== page ? ' (the last of page 1)' : '';
      ctx.fail(
        page.res,
        `$.results[${i}].${field}`,
        `${field} ${direction === 'asc' ? 'at or after' : 'at or before'} ${JSON.stringify(values[at - 1])}${across}`,
        JSON.stringify(values[at]),
      );
    },
  };
}

export const orderingChecks: Check[] = [
  orderingCheck('created', 'desc', true),
  orderingCheck('name', 'asc'),
  orderingCheck('name', 'desc'),
  orderingCheck('created', 'asc'),
  orderingCheck('created', 'desc'),
  orderingCheck('updated', 'asc'),
  orderingCheck('updated', 'desc'),
];
