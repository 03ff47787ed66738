/**
 * DELETE /customers/{id}/ on the customer the run created, last of all its checks: a customer
 * with no invoices, subscriptions or valuable sources is deleted for good (the newest reference),
 * so it then answers 404, leaves the list, and its contacts go with it. The archive branch needs a customer with a
 * history, which the suite never touches: the mock's own tests cover it.
 */
import type { CheckDef } from '../../check/runner';
import { checksOf } from '../../check/suite-kit';
import { MESSAGES, MODEL_NAMES } from '../messages';
import { contactPath, customerPath, expectDetail, list, ops, readPage, type Ctx, type PiriodState } from './api';
import { created } from './records';

export const deletionChecks: CheckDef<PiriodState>[] = checksOf('behaviour', 'write', [
  {
    id: 'piriod.delete.for-good',
    title:
      'DELETE /customers/{id}/ of a customer with no history answers 204; it then answers 404 (a second DELETE too) and leaves the list, its contacts too',
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const before = await ctx.send(ops.retrieve, { path: customerPath(customer.id) });
      const contacts = ((before.json as { contacts?: { id?: unknown }[] } | undefined)?.contacts ?? []).map((c) => c.id);
      const res = await ctx.send(ops.delete, { path: customerPath(customer.id) });
      if (!ctx.expectStatus(res, 204)) return;
      ctx.expect(res.text === '', res, 'body', 'empty (a 204)', res.text.slice(0, 60));
      ctx.state.leftovers = ctx.state.leftovers.filter((l) => !l.includes(customer.id));
      const gone = await ctx.send(ops.retrieve, { path: customerPath(customer.id) });
      if (ctx.expectStatus(gone, 404)) expectDetail(ctx, gone, MESSAGES.noMatch(MODEL_NAMES.customer), MESSAGES.notFound);
      // A DELETE of what is gone finds nothing: 404, not another 204 (which would hide a delete that did nothing).
      const again = await ctx.send(ops.delete, { path: customerPath(customer.id) });
      if (ctx.expectStatus(again, 404)) expectDetail(ctx, again, MESSAGES.noMatch(MODEL_NAMES.customer), MESSAGES.notFound);
      // Gone from lists too, not only from its own URL.
      // Under the email it has now (the PUT check gives it a new one).
      const listed = readPage(ctx, await list(ctx, { email: (ctx.state.latest ?? customer).email ?? '' }));
      ctx.expect(
        !listed.results.some((c) => c.id === customer.id),
        listed.res,
        '$.results',
        `no ${customer.id} (deleted)`,
        `${customer.id} still listed under its email`,
      );
      const contact = contacts.find((id): id is string => typeof id === 'string');
      if (contact) {
        const orphan = await ctx.send(ops.contacts.retrieve, { path: contactPath(contact) });
        ctx.expectStatus(orphan, 404);
      }
    },
  },
]);
