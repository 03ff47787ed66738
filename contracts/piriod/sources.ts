/**
 * Piriod's payment sources (`/sources/`, read-only here: list and retrieve, the newest reference).
 * A source belongs to one customer; a customer's `sources` field shows its reusable sources that
 * are chargeable or pending (the newest reference's description of that field).
 */
import { z } from 'zod';
import { CustomerId, DateTime, SOURCE_ID_PATTERN, pageOf } from './common';
import { type Filter, choiceFilter, filterFor, pagedListQuery, readPagedListQuery } from './list-query';
import { MESSAGES } from './messages';
import { hasNullCharacter } from '../../lib/python/validators';

export const SOURCE_GATEWAYS = ['paypal', 'webpay', 'khipu', 'oneclick'] as const;
export const SOURCE_STATUSES = ['failed', 'pending', 'consumed', 'chargeable', 'finalized'] as const;
export const SOURCE_USAGES = ['single', 'reusable'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** The statuses of the sources a customer's `sources` field shows (with usage `reusable`). */
export const LISTED_SOURCE_STATUSES: ReadonlySet<string> = new Set<SourceStatus>(['chargeable', 'pending']);

export const Source = z
  .object({
    id: z
      .string()
      .regex(SOURCE_ID_PATTERN)
      .meta({ examples: ['sou_5tGv8KpQ2wXz7LmN4bYc'] }),
    customer: CustomerId,
    gateway: z.enum(SOURCE_GATEWAYS),
    status: z.enum(SOURCE_STATUSES),
    usage: z.enum(SOURCE_USAGES).meta({ description: '`single` (one payment) or `reusable` (charged again).' }),
    created: DateTime,
    updated: DateTime,
  })
  .meta({ description: 'A payment source of a customer.' });
export type Source = z.infer<typeof Source>;

export const SourceList = pageOf(Source, 'sources');
export type SourceList = z.infer<typeof SourceList>;

/** One condition of the source list: the field equals the value. */
export interface SourceCondition {
  kind: 'equals';
  field: 'customer' | 'gateway' | 'usage' | 'status' | 'id';
  value: string;
}

const filter = filterFor<SourceCondition>();

const equals =
  (field: SourceCondition['field']) =>
  (value: string): SourceCondition => ({ kind: 'equals', field, value });

/** The FilterSet of the source list, in the reference's order. */
export const SOURCE_FILTERS: Record<string, Filter<z.ZodType, SourceCondition>> = {
  // A ModelChoiceFilter: an id that is no customer of the workspace is MESSAGES.filterChoice (the server checks).
  customer: filter(z.string().optional().meta({ description: 'Sources of this customer (`cus_…`).' }), false, equals('customer')),
  gateway: filter(choiceFilter(SOURCE_GATEWAYS, 'Sources of this gateway.'), false, equals('gateway')),
  usage: filter(choiceFilter(SOURCE_USAGES, 'Sources of this usage.'), false, equals('usage')),
  status: filter(choiceFilter(SOURCE_STATUSES, 'Sources in this status.'), false, equals('status')),
  id: filter(
    z
      .string()
      .refine((v) => !hasNullCharacter(v), { error: MESSAGES.nullCharacters })
      .optional()
      .meta({ description: 'The source with this id.' }),
    true,
    equals('id'),
  ),
};

export const SourceListQuery = pagedListQuery(SOURCE_FILTERS);

/** The source list's query read into a plan (newest first: a **guess**, no ordering is documented). */
export function readSourceListQuery(get: (name: string) => string | undefined) {
  return readPagedListQuery(SOURCE_FILTERS, get);
}
