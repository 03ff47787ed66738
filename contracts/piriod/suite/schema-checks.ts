/**
 * Schema-level checks: requests the document calls valid get their success status, and every
 * answer is documented and matches its schema. Any implementation of the document passes these,
 * a stateless mock of it included; they judge shapes, never data.
 */
import type { CheckDef } from '../../check/runner';
import { schemaCheck } from '../../check/suite-kit';
import { customerPath, list, ops, type Ctx, type PiriodState } from './api';
import { TEST_MODE } from './records';

type Check = CheckDef<PiriodState>;

export const schemaChecks: Check[] = [
  schemaCheck('piriod.schema.list', 'GET /customers/ answers 200 with a CustomerList', 200, async function* (ctx) {
    yield list(ctx, {});
  }),
  schemaCheck(
    'piriod.schema.list-params',
    'GET /customers/ with paging, ordering and filters answers 200 with a CustomerList',
    200,
    async function* (ctx) {
      const queries = [
        { page: 1, page_size: 5 },
        { ordering: '-created' },
        { ordering: 'name', country: 'CL' },
        { search: 'a', page_size: 10 },
      ];
      for (const query of queries) yield list(ctx, query);
    },
  ),
  schemaCheck('piriod.schema.retrieve', 'GET /customers/{id}/ answers 200 with a Customer', 200, async function* (ctx: Ctx) {
    const res = await list(ctx, { page_size: 1 });
    const first = (res.json as { results?: { id?: unknown }[] } | undefined)?.results?.[0];
    if (typeof first?.id !== 'string') ctx.skip('the account has no customers to retrieve');
    yield ctx.send(ops.retrieve, { path: customerPath(first.id) });
  }),
  schemaCheck(
    'piriod.schema.unauthenticated',
    'a request without credentials answers 401 with a documented error body',
    401,
    async function* (ctx) {
      yield ctx.send(ops.list, { path: '/customers/', headers: { Authorization: null } });
    },
  ),
  schemaCheck(
    'piriod.schema.create-invalid',
    'POST /customers/ with a body missing required fields answers 400 with a documented error body',
    400,
    async function* (ctx) {
      yield ctx.send(ops.create, { path: '/customers/', body: {}, headers: TEST_MODE });
    },
  ),
];
