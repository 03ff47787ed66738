/**
 * Pelcro's Core API payment sources (docs.pelcro.com "Create payment method", "Delete payment
 * method"): the create body with its Laravel rules and the answer. The customer's first source
 * becomes its default; a source a subscription uses cannot be deleted.
 */
import { z } from 'zod';
import { requireFields } from './addresses';
import { laravel } from './messages';
import { integerInput, SiteId } from './requests';
import { SOURCE_GATEWAYS, Source } from './responses';

/** POST /api/v1/core/sources */
export const SourceCreate = z
  .object({
    site_id: SiteId.optional(),
    customer_id: integerInput('customer_id').nullable().optional(),
    object_gateway: z
      .enum(SOURCE_GATEWAYS, { error: laravel.invalid('object_gateway') })
      .nullable()
      .optional(),
    object_id: z
      .string({ error: laravel.string('object_id') })
      .max(255, { error: laravel.maxString('object_id', 255) })
      .nullable()
      .optional(),
  })
  .superRefine((body, ctx) => requireFields(body, ctx, ['customer_id', 'object_gateway', 'object_id']), { when: () => true });
export type SourceCreate = z.input<typeof SourceCreate>;

export const SourceEnvelope = z.object({ data: Source });
