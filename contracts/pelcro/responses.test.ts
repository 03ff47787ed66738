import { describe, expect, it } from 'vitest';
import { PAGINATION_LABELS } from './messages';
import { CustomerList } from './responses';

const PATH = 'https://www.pelcro.com/api/v1/core/customers';
const links = { first: `${PATH}?page=1`, last: `${PATH}?page=1`, prev: null, next: null };

/** A page's meta as LengthAwarePaginator would write it for `total`, except where `over` says. */
function page(total: number, over: Record<string, unknown> = {}) {
  const pageLinks = [
    { url: null, label: PAGINATION_LABELS.previous, active: false },
    { url: `${PATH}?page=1`, label: '1', active: true },
    { url: null, label: PAGINATION_LABELS.next, active: false },
  ];
  const meta = { current_page: 1, from: null, last_page: 1, links: pageLinks, path: PATH, per_page: 20, to: null, total, ...over };
  return { data: [], links, meta };
}

describe("CustomerList's LengthAwarePaginator arithmetic", () => {
  it('accepts the empty first page of an empty list', () => {
    expect(CustomerList.safeParse(page(0)).success).toBe(true);
  });

  it('refuses an empty only page whose total counts items it does not hold', () => {
    const parsed = CustomerList.safeParse(page(5));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['meta.total']);
  });
});
