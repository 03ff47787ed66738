/**
 * Schema-level checks: requests the document calls valid get their success status, and every
 * answer is documented and matches its schema. Any implementation of the document passes these,
 * a stateless mock of it included; they judge shapes, never data.
 */
import type { CheckDef } from '../../check/runner';
import { customerPath, list, ops, type Ctx, type PiriodState } from './api';
import { TEST_MODE } from './records';

type Check = CheckDef<PiriodState>;

export const schemaChecks: Check[] = [
  {
    id: 'piriod.schema.list',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers/ answers 200 with a CustomerList',
    async run(ctx: Ctx) {
      ctx.expectStatus(await list(ctx, {}), 200);
    },
  },
  {
    id: 'piriod.schema.list-params',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers/ with paging, ordering and filters answers 200 with a CustomerList',
    async run(ctx: Ctx) {
      for (const query of [
        { page: 1, page_size: 5 },
        { ordering: '-created' },
        { ordering: 'name', country: 'CL' },
        { search: 'a', page_size: 10 },
      ]) {
        ctx.expectStatus(await list(ctx, query), 200);
      }
    },
  },
  {
    id: 'piriod.schema.retrieve',
    level: 'schema',
    mode: 'read',
    title: 'GET /customers/{id}/ answers 200 with a Customer',
    async run(ctx: Ctx) {
      const res = await list(ctx, { page_size: 1 });
      const first = (res.json as { results?: { id?: unknown }[] } | undefined)?.results?.[0];
      if (typeof first?.id !== 'string') ctx.skip('the account has no customers to retrieve');
      ctx.expectStatus(await ctx.send(ops.retrieve, { path: customerPath(first.id) }), 200);
    },
  },
  {
    id: 'piriod.schema.unauthenticated',
    level: 'schema',
    mode: 'read',
    title: 'a request without credentials answers 401 with a documented error body',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, { path: '/customers/', headers: { Authorization: null } });
      ctx.expectStatus(res, 401);
    },
  },
  {
    id: 'piriod.schema.create-invalid',
    level: 'schema',
    mode: 'read',
    title: 'POST /customers/ with a body missing required fields answers 400 with a documented error body',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.create, { path: '/customers/', body: {}, headers: TEST_MODE });
      ctx.expectStatus(res, 400);
    },
  },
];
