/**
 * Building blocks every Piriod resource shares: the id formats, the date-time as the API writes
 * it, and DRF's page envelope. The resources' schemas (./schemas, ./contacts, ./sources) build on
 * these, so this file imports none of them.
 */
import { z } from 'zod';
import { DATETIME_PATTERN } from '../../lib/python/time';

export const CUSTOMER_ID_PATTERN = /^cus_[A-Za-z0-9]{18,20}$/;
export const CONTACT_ID_PATTERN = /^con_[A-Za-z0-9]{18,20}$/;
export const SOURCE_ID_PATTERN = /^sou_[A-Za-z0-9]{18,20}$/;

export const CustomerId = z
  .string()
  .regex(CUSTOMER_ID_PATTERN)
  .meta({ description: "The customer's id: `cus_` and 18–20 letters and digits.", examples: ['cus_3ZkR8bQpW1xYt6NvLm2a'] });

export const DateTime = z
  .string()
  .regex(DATETIME_PATTERN)
  .meta({
    description: 'ISO 8601 in America/Santiago with its offset, microseconds included unless zero (Python isoformat).',
    examples: ['2020-10-15T13:26:15.356289-03:00'],
  });

/** DRF PageNumberPagination's envelope around `item`. */
export function pageOf<T extends z.ZodType>(item: T, what: string) {
  return z
    .object({
      count: z.int().min(0),
      next: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .meta({ description: 'Absolute URL of the next page, keeping the other parameters.' }),
      previous: z.url({ protocol: /^https?$/ }).nullable(),
      results: z.array(item).max(100).describe(`At most \`page_size\` ${what}; page_size is capped at 100.`),
    })
    .meta({ description: `A page of ${what} (DRF PageNumberPagination).` })
    .superRefine(pageArithmetic);
}

/**
 * What a DRF page's own links say about its `count` (Django's Paginator, no orphans): a page with
 * neither `next` nor `previous` is the only one and holds every result; a page with a `next` leaves
 * some for later pages, so `count` is more than it holds. Judged on every page of every list
 * (contacts and sources too), whatever was asked: a `count` out of step with the page shows.
 */
function pageArithmetic(
  page: { count: number; next: string | null; previous: string | null; results: unknown[] },
  ctx: z.RefinementCtx,
): void {
  const held = page.results.length;
  const items = `${held} result${held === 1 ? '' : 's'}`;
  if (page.next === null && page.previous === null && page.count !== held) {
    ctx.addIssue({ code: 'custom', path: ['count'], message: `${held} (the only page, no next or previous, holds ${items})` });
  } else if (page.next !== null && page.count <= held) {
    ctx.addIssue({ code: 'custom', path: ['count'], message: `more than ${held} (this page holds ${items} and links a next one)` });
  }
}

/**
 * A customer's status (the newest reference): `archived` is what DELETE leaves of a customer with
 * a history; `pending` is documented without a rule that sets it.
 */
export const CUSTOMER_STATUSES = ['active', 'archived', 'pending'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** At most this many contacts per customer and org unit (the newest reference; contacts without one are a unit too). */
export const MAX_CONTACTS_PER_ORGUNIT = 7;
