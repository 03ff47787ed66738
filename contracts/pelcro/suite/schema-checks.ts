/**
 * Schema-level checks: requests the document calls valid get their success status, and every
 * answer is documented and matches its schema. Any implementation of the document passes these,
 * a stateless mock of it included; they judge shapes, never data.
 */
import type { CheckDef } from '../../check/runner';
import { EXPAND_NAMES } from '../schemas';
import { list, ops, retrieve, site, type Ctx, type PelcroState } from './api';
import { METADATA_KEY } from './records';

type Check = CheckDef<PelcroState>;

export const schemaChecks: Check[] = [
  {
    id: 'pelcro.schema.list',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers answers 200 with {data, links, meta}',
    async run(ctx: Ctx) {
      ctx.expectStatus(await list(ctx, {}), 200);
    },
  },
  {
    id: 'pelcro.schema.list-params',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers with paging, sorting and filters answers 200 with {data, links, meta}',
    async run(ctx: Ctx) {
      for (const query of [{ page: 1, limit: 5 }, { sort: '-email' }, { sort: 'id', 'filter[email]': 'like:example' }]) {
        ctx.expectStatus(await list(ctx, query), 200);
      }
    },
  },
  {
    id: 'pelcro.schema.list-expanded',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers?expand=… answers 200 with {data, links, meta}',
    async run(ctx: Ctx) {
      ctx.expectStatus(await list(ctx, { limit: 5 }, EXPAND_NAMES), 200);
    },
  },
  {
    id: 'pelcro.schema.retrieve',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers/{id} answers 200 with {"data": Customer}, expanded or not',
    async run(ctx: Ctx) {
      const res = await list(ctx, { limit: 1 });
      const first = (res.json as { data?: { id?: unknown }[] } | undefined)?.data?.[0];
      if (typeof first?.id !== 'number') ctx.skip('the site has no customers to retrieve');
      ctx.expectStatus(await retrieve(ctx, first.id), 200);
      ctx.expectStatus(await retrieve(ctx, first.id, EXPAND_NAMES), 200);
    },
  },
  {
    id: 'pelcro.schema.unauthenticated',
    level: 'schema',
    mode: 'read',
    title: 'a request without credentials answers 401 with a documented error body',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, {
        path: '/customers',
        query: site(ctx),
        headers: { Authorization: null },
      });
      ctx.expectStatus(res, 401);
    },
  },
  {
    id: 'pelcro.schema.create-invalid',
    level: 'schema',
    mode: 'read',
    title: 'POST /customers with an invalid email answers 400 with a documented error body',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.create, {
        path: '/customers',
        query: site(ctx),
        body: {
          ...site(ctx),
          email: 'not-an-email',
          first_name: 'Understudy',
          metadata: { [METADATA_KEY]: `${ctx.options.runTag}-rejected` },
        },
      });
      ctx.expectStatus(res, 400);
    },
  },
];
