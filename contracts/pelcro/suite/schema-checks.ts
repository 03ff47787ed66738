/**
 * Schema-level checks: requests the document calls valid get their success status, and every
 * answer is documented and matches its schema. Any implementation of the document passes these,
 * a stateless mock of it included; they judge shapes, never data.
 */
import type { CheckDef } from '../../check/runner';
import { schemaCheck } from '../../check/suite-kit';
import { EXPAND_NAMES } from '../schemas';
import { list, ops, pageOfOne, retrieve, site, type Ctx, type PelcroState } from './api';
import { METADATA_KEY } from './records';

type Check = CheckDef<PelcroState>;

export const schemaChecks: Check[] = [
  schemaCheck('pelcro.schema.list', 'GET /customers answers 200 with {data, links, meta}', 200, async function* (ctx) {
    yield list(ctx, {});
  }),
  schemaCheck(
    'pelcro.schema.list-params',
    'GET /customers with paging, sorting and filters answers 200 with {data, links, meta}',
    200,
    async function* (ctx) {
      for (const query of [{ page: 1, limit: 5 }, { sort: '-email' }, { sort: 'id', 'filter[email]': 'like:example' }]) {
        yield list(ctx, query);
      }
    },
  ),
  schemaCheck('pelcro.schema.list-expanded', 'GET /customers?expand=… answers 200 with {data, links, meta}', 200, async function* (ctx) {
    yield list(ctx, { limit: 5 }, EXPAND_NAMES);
  }),
  schemaCheck(
    'pelcro.schema.retrieve',
    'GET /customers/{id} answers 200 with {"data": Customer}, expanded or not',
    200,
    async function* (ctx: Ctx) {
      const res = await pageOfOne(ctx);
      const first = (res.json as { data?: { id?: unknown }[] } | undefined)?.data?.[0];
      if (typeof first?.id !== 'number') ctx.skip('the site has no customers to retrieve');
      yield retrieve(ctx, first.id);
      yield retrieve(ctx, first.id, EXPAND_NAMES);
    },
  ),
  schemaCheck(
    'pelcro.schema.unauthenticated',
    'a request without credentials answers 401 with a documented error body',
    401,
    async function* (ctx) {
      yield ctx.send(ops.list, { path: '/customers', query: site(ctx), headers: { Authorization: null } });
    },
  ),
  schemaCheck(
    'pelcro.schema.create-invalid',
    'POST /customers with an invalid email answers 400 with a documented error body',
    400,
    async function* (ctx) {
      const metadata = { [METADATA_KEY]: `${ctx.options.runTag}-rejected` };
      const body = { ...site(ctx), email: 'not-an-email', first_name: 'Understudy', metadata };
      yield ctx.send(ops.create, { path: '/customers', query: site(ctx), body });
    },
  ),
];
