import { describe, expect, it } from 'vitest';
import { PyNumber } from '../python/python';
import { metaJson, pageElements, pageOffset, paginate, resolvePage } from './paginator';

/** Laravel's `lang/en/pagination.php`. */
const LABELS = { previous: '&laquo; Previous', next: 'Next &raquo;' };

describe('Laravel pagination links (UrlWindow, onEachSide 3)', () => {
  const labels = (current: number, last: number) =>
    pageElements(current, last)
      .map((e) => (e === '...' ? '...' : e.join(' ')))
      .join(' | ');

  it.each([
    [1, 13, '1 2 3 4 5 6 7 8 9 10 11 12 13'],
    [1, 20, '1 2 3 4 5 6 7 8 9 10 | ... | 19 20'],
    [7, 20, '1 2 3 4 5 6 7 8 9 10 | ... | 19 20'],
    [8, 20, '1 2 | ... | 5 6 7 8 9 10 11 | ... | 19 20'],
    [13, 20, '1 2 | ... | 10 11 12 13 14 15 16 | ... | 19 20'],
    [14, 20, '1 2 | ... | 11 12 13 14 15 16 17 18 19 20'],
    [20, 20, '1 2 | ... | 11 12 13 14 15 16 17 18 19 20'],
  ])('page %i of %i shows %s', (current, last, expected) => {
    expect(labels(current, last)).toBe(expected);
  });

  it('renders "..." entries with a null url and marks only the current page active', () => {
    const { meta } = paginate('http://x/c', 200, 10, 10, 10, LABELS);
    const dots = meta.links.filter((l) => l.label === '...');
    expect(dots).toEqual([
      { url: null, label: '...', active: false },
      { url: null, label: '...', active: false },
    ]);
    expect(meta.links.filter((l) => l.active).map((l) => l.label)).toEqual(['10']);
  });
});

describe("Laravel's current page (PaginationState's resolver: FILTER_VALIDATE_INT, then >= 1)", () => {
  it('reads a JSON float 2.0 as page 2 and the text "2.0" as page 1, like every other non-integer', () => {
    expect(resolvePage(new PyNumber('float', '', 2))).toBe(2);
    expect(['2', '+3'].map(resolvePage)).toEqual([2, 3]);
    expect(['2.0', '0', '-2', '05', { 0: '2' }].map(resolvePage)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('pages past 2^53 (PHP ints up to PHP_INT_MAX)', () => {
  it('keeps every page up to PHP_INT_MAX as sent, as a bigint past 2^53; past PHP_INT_MAX is page 1', () => {
    expect(resolvePage('9007199254740993')).toBe(9007199254740993n);
    expect(resolvePage(new PyNumber('int', '9223372036854775807', 2 ** 63))).toBe(9223372036854775807n);
    expect(resolvePage('9223372036854775808')).toBe(1);
  });

  it('renders such a page as Laravel 11.56 does: empty, its number and the previous one written in full', () => {
    // LengthAwarePaginator(items: [], total: 250, perPage: 10, currentPage: 9007199254740993)->toArray(), PHP 8.2.
    const { links, meta } = paginate('http://h/x', 250, 10, 9007199254740993n, 0, { previous: 'P', next: 'N' });
    expect(links).toEqual({ first: 'http://h/x?page=1', last: 'http://h/x?page=25', prev: 'http://h/x?page=9007199254740992', next: null });
    expect(metaJson(meta)).toBe(
      '{"current_page":9007199254740993,"from":null,"last_page":25,"links":[' +
        '{"url":"http://h/x?page=9007199254740992","label":"P","active":false},' +
        '{"url":"http://h/x?page=1","label":"1","active":false},{"url":"http://h/x?page=2","label":"2","active":false},' +
        '{"url":null,"label":"...","active":false},' +
        [16, 17, 18, 19, 20, 21, 22, 23, 24, 25].map((n) => `{"url":"http://h/x?page=${n}","label":"${n}","active":false}`).join(',') +
        ',{"url":null,"label":"N","active":false}],"path":"http://h/x","per_page":10,"to":null,"total":250}',
    );
  });
});

describe('a page whose offset passes PHP_INT_MAX (Builder::forPage: max(0, (int) (($page - 1) * $perPage)))', () => {
  // Each expected value printed by php8.2-cli: `max(0, (int) (($p - 1) * $n))` and json_encode(($p - 1) * $n + 1).
  it.each([
    [9223372036854775807n, 7, 0],
    [9223372036854775807n, 10, 0],
    [1844674407370955162n, 10, 0],
    [4611686018427388929n, 4, 4096],
    [922337203685477581n, 10, 9223372036854775800],
  ])('page %s of %i starts at %d, as PHP casts the overflowed double modulo 2^64', (page, perPage, offset) => {
    expect(pageOffset(page, perPage)).toBe(offset);
  });

  it('writes from and to as the overflowed doubles PHP holds, after listing the records the wrapped offset finds', () => {
    const { meta } = paginate('http://h/x', 24, 7, 9223372036854775807n, 7, LABELS);
    expect(metaJson(meta)).toContain('"from":6.456360425798343e+19,');
    expect(metaJson(meta)).toContain('"to":6.456360425798343e+19,');
    const small = paginate('http://h/x', 24, 7, 2, 7, LABELS).meta;
    expect([small.from, small.to]).toEqual([8, 14]);
  });
});
