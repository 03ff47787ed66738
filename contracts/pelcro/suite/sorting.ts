/**
 * Behaviour of `?sort=` (Pelcro sorts customers on `id` and `email`): the list is ordered across
 * page boundaries, not only within the first page. Each check reads two pages sized so that the
 * site fills both (at most 100 a page), and judges the two as one sequence: in order, and each
 * customer once.
 */
import { firstDisorder, stringDisorder, type Direction } from '../../check/invariants';
import type { CheckDef } from '../../check/runner';
import { expectPartition } from '../../check/suite-kit';
import { MAX_LIMIT, firstPage, list, readPage, type Ctx, type CustomerView, type Page, type PelcroState } from './api';

type Check = CheckDef<PelcroState>;

/** `?sort=` of `field` in `direction`; with `byDefault`, the list asked without `sort` (the docs: by id). */
function sortCheck(field: 'id' | 'email', direction: Direction, byDefault = false): Check {
  const param = byDefault ? undefined : direction === 'asc' ? field : `-${field}`;
  const order = `ordered by ${field}, ${direction === 'asc' ? 'ascending' : 'descending'}, across pages`;
  return {
    id: byDefault ? 'pelcro.sort.default' : `pelcro.sort.${direction === 'asc' ? '' : 'desc-'}${field}`,
    level: 'behaviour',
    mode: 'read',
    title: byDefault ? `without ?sort= the list is by id: ${order}` : `?sort=${param} returns customers ${order}`,
    async run(ctx: Ctx) {
      const first = await firstPage(ctx);
      const { total } = first.meta;
      const limit = Math.min(MAX_LIMIT, Math.max(1, Math.ceil(total / 2)));
      const pages: Page[] = [readPage(ctx, await list(ctx, { sort: param, limit }))];
      if (pages[0].meta.total > limit) pages.push(readPage(ctx, await list(ctx, { sort: param, limit, page: 2 })));
      // Ids are unique; an email is unique on a site, folded as MySQL's collation folds it.
      const tieKey = (c: { id: unknown }) => {
        const value = (c as CustomerView)[field];
        return typeof value === 'string' ? value.toLowerCase() : typeof value === 'number' ? String(value) : undefined;
      };
      const walk = pages.map((page) => ({ res: page.res, records: page.data, next: page.links.next, total: page.meta.total }));
      expectPartition(ctx, walk, pages[0].meta.total, limit, { list: '$.data', next: '$.links.next' }, tieKey, first.data);
      // Customers without an email (created by display name) are left out of the comparison.
      const rows = pages.flatMap((page) =>
        page.data.map((c, i) => ({ page, i, value: c[field] })).filter((row) => row.value !== null && row.value !== undefined),
      );
      if (rows.length < 2) ctx.skip(`fewer than two customers with a ${field} to order`);
      const values = rows.map((row) => row.value);
      const at =
        field === 'id' ? firstDisorder(values as number[], (a, b) => a - b, direction) : stringDisorder(values as string[], direction);
      if (at === -1) return;
      const { page, i } = rows[at];
      const across = rows[at - 1].page !== page ? ' (the last of page 1)' : '';
      ctx.fail(
        page.res,
        `$.data[${i}].${field}`,
        `${field} ${direction === 'asc' ? 'at or after' : 'at or before'} ${JSON.stringify(values[at - 1])}${across}`,
        JSON.stringify(values[at]),
      );
    },
  };
}

export const sortChecks: Check[] = [
  sortCheck('id', 'asc', true),
  sortCheck('id', 'asc'),
  sortCheck('id', 'desc'),
  sortCheck('email', 'asc'),
  sortCheck('email', 'desc'),
];
