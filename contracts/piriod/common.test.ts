import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pageOf } from './common';

const Page = pageOf(z.object({ id: z.string() }), 'things');
const URL_OF = (page: number) => `https://api.piriod.com/things/?page=${page}&page_size=2`;
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));
const issues = (body: unknown) => Page.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe("a DRF page's count against its own links", () => {
  it('accepts the pages Django’s Paginator writes: the only one, a first, a middle and a last', () => {
    expect(issues({ count: 2, next: null, previous: null, results: items(2) })).toEqual([]);
    expect(issues({ count: 0, next: null, previous: null, results: [] })).toEqual([]);
    expect(issues({ count: 5, next: URL_OF(2), previous: null, results: items(2) })).toEqual([]);
    expect(issues({ count: 5, next: URL_OF(3), previous: URL_OF(1), results: items(2) })).toEqual([]);
    expect(issues({ count: 5, next: null, previous: URL_OF(2), results: items(1) })).toEqual([]);
  });

  it('refuses an only page (no next, no previous) whose count is not what it holds', () => {
    expect(issues({ count: 3, next: null, previous: null, results: items(2) })).toEqual([
      'count: 2 (the only page, no next or previous, holds 2 results)',
    ]);
  });

  it('refuses a page linking a next one whose count leaves nothing for it', () => {
    expect(issues({ count: 2, next: URL_OF(2), previous: null, results: items(2) })).toEqual([
      'count: more than 2 (this page holds 2 results and links a next one)',
    ]);
  });

  it('reports its rules as refinements, judged with the behaviour level', () => {
    const issue = Page.safeParse({ count: 3, next: null, previous: null, results: items(2) }).error?.issues[0];
    expect(issue?.code).toBe('custom');
  });
});
