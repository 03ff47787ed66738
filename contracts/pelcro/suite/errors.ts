/**
 * Behaviour on bad requests: Laravel's statuses and texts for missing credentials, a missing site,
 * unknown ids, verbs the route does not support, and bodies the validator refuses (Pelcro answers
 * those with 400 `{"errors": …}`). Every request here must be rejected, so these checks run in
 * read-only mode too.
 */
import { expectAllow, expectCanonicalRedirect } from '../../check/invariants';
import type { CheckDef } from '../../check/runner';
import { checksOf, expectNotNamed } from '../../check/suite-kit';
import { http, laravel } from '../messages';
import { IDENTITY_FIELDS, PHONE_DIGITS } from '../schemas';
import { UNKNOWN_ID, customerPath, expectFieldError, expectMessage, messageOf, ops, site, type Ctx, type PelcroState } from './api';
import { METADATA_KEY } from './records';

type Check = CheckDef<PelcroState>;

/** A create body tagged so that a wrongly accepted one is recognisable (and has no email clash). */
function bodyWith(ctx: Ctx, changes: Record<string, unknown>): Record<string, unknown> {
  return {
    ...site(ctx),
    display_name: `understudy contract rejected ${ctx.options.runTag}`,
    metadata: { [METADATA_KEY]: `${ctx.options.runTag}-rejected` },
    ...changes,
  };
}

const others = (field: string) => IDENTITY_FIELDS.filter((f) => f !== field);

interface Rejection {
  id: string;
  title: string;
  body: (ctx: Ctx) => Record<string, unknown>;
  /** Field → the message Laravel must list for it. */
  errors: Record<string, string>;
  /** Fields that must not be listed (input the validator does not declare is ignored). */
  absent?: string[];
}

/** A field the API does not have: Laravel validates only the fields its rules name. */
const UNKNOWN_FIELD = 'understudy_unknown_field';

const rejections: Rejection[] = [
  {
    id: 'identity',
    title: 'none of email, old_provider_id, display_name',
    body: (ctx) => ({ ...site(ctx), first_name: 'Understudy', metadata: { [METADATA_KEY]: `${ctx.options.runTag}-rejected` } }),
    errors: Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, laravel.requiredWithoutAll(field, others(field))])),
  },
  {
    id: 'email',
    title: 'an invalid email',
    body: (ctx) => bodyWith(ctx, { email: 'not-an-email' }),
    errors: { email: laravel.email('email') },
  },
  {
    id: 'first-name',
    title: 'a first name over 255 characters',
    body: (ctx) => bodyWith(ctx, { first_name: 'x'.repeat(256) }),
    errors: { first_name: laravel.maxString('first_name', 255) },
  },
  {
    id: 'phone',
    title: 'a phone with too few digits',
    body: (ctx) => bodyWith(ctx, { phone: '12-3' }),
    errors: { phone: laravel.digitsBetween('phone', PHONE_DIGITS.min, PHONE_DIGITS.max) },
  },
  {
    id: 'username',
    title: 'a username with a space',
    body: (ctx) => bodyWith(ctx, { username: 'has space' }),
    errors: { username: laravel.alphaDash('username') },
  },
  {
    id: 'language',
    title: 'a language that is not ISO 639-1',
    body: (ctx) => bodyWith(ctx, { language: 'xx' }),
    errors: { language: laravel.invalid('language') },
  },
  {
    id: 'timezone',
    title: 'an unknown timezone',
    body: (ctx) => bodyWith(ctx, { timezone: 'Mars/Olympus_Mons' }),
    errors: { timezone: laravel.timezone('timezone') },
  },
  {
    id: 'metadata',
    title: 'metadata that is not an object',
    body: (ctx) => bodyWith(ctx, { metadata: 'gold' }),
    errors: { metadata: laravel.array('metadata') },
  },
  {
    id: 'boolean',
    title: 'a boolean that is not one',
    body: (ctx) => bodyWith(ctx, { mail_marketing: 'maybe' }),
    errors: { mail_marketing: laravel.boolean('mail_marketing') },
  },
  {
    id: 'password',
    title: 'a password under 6 characters',
    body: (ctx) => bodyWith(ctx, { password: 'abc' }),
    errors: { password: laravel.minString('password', 6) },
  },
  {
    id: 'unknown-field',
    title: 'an invalid email beside a field the API does not have',
    body: (ctx) => bodyWith(ctx, { email: 'not-an-email', [UNKNOWN_FIELD]: 'ignored' }),
    errors: { email: laravel.email('email') },
    absent: [UNKNOWN_FIELD],
  },
];

/** One check per refused body, so a report names exactly which refusal drifted. */
const rejectionChecks: Check[] = rejections.map((r) => ({
  id: `pelcro.create.rejects.${r.id}`,
  level: 'behaviour',
  mode: 'read',
  title: `POST /customers with ${r.title} answers 400 with Laravel's message`,
  async run(ctx: Ctx) {
    const res = await ctx.send(ops.create, { path: '/customers', query: site(ctx), body: r.body(ctx) });
    if (!ctx.expectStatus(res, 400)) return;
    for (const [field, message] of Object.entries(r.errors)) expectFieldError(ctx, res, field, message);
    const errors = (res.json as { errors?: Record<string, unknown> } | undefined)?.errors;
    for (const field of r.absent ?? []) {
      expectNotNamed(ctx, res, errors, field, `$.errors.${field}`, 'no error (Laravel ignores input its rules do not name)');
    }
  },
}));

export const errorChecks: Check[] = checksOf('behaviour', 'read', [
  {
    id: 'pelcro.auth.missing',
    title: `no API key answers 401 {"message": "${http.unauthenticated}"}`,
    async run(ctx: Ctx) {
      for (const header of [null, 'Token not-a-bearer-key']) {
        const res = await ctx.send(ops.list, { path: '/customers', query: site(ctx), headers: { Authorization: header } });
        if (ctx.expectStatus(res, 401)) expectMessage(ctx, res, http.unauthenticated);
      }
    },
  },
  {
    id: 'pelcro.auth.invalid',
    title: 'an unknown API key answers 401',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, {
        path: '/customers',
        query: site(ctx),
        headers: { Authorization: `Bearer understudy-${ctx.options.runTag}-invalid` },
      });
      // A mock started without --tokens accepts every key: nothing to judge there.
      if (res.status === 200) ctx.skip('the target accepts any key (a mock started without --tokens?)');
      if (ctx.expectStatus(res, 401)) expectMessage(ctx, res, http.unauthenticated);
    },
  },
  {
    id: 'pelcro.site.required',
    title: `a call without site_id answers 400 "${laravel.required('site_id')}"`,
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, { path: '/customers' });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'site_id', laravel.required('site_id'));
    },
  },
  {
    id: 'pelcro.retrieve.unknown',
    title: 'GET /customers/{unknown} answers 404 {"message": …}',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.retrieve, { path: customerPath(UNKNOWN_ID), query: site(ctx) });
      if (ctx.expectStatus(res, 404)) {
        const message = messageOf(res);
        ctx.expect(typeof message === 'string' && message.length > 0, res, '$.message', 'a message', res.text.slice(0, 80));
      }
    },
  },
  {
    id: 'pelcro.update.unknown',
    title: 'PUT and DELETE /customers/{unknown} answer 404',
    async run(ctx: Ctx) {
      // A write to an id that exists would change real data: make sure it does not, first.
      const probe = await ctx.send(ops.retrieve, { path: customerPath(UNKNOWN_ID), query: site(ctx) });
      if (probe.status !== 404) ctx.skip(`GET of customer ${UNKNOWN_ID} answered ${probe.status}, not 404: no write is risked on it`);
      const put = await ctx.send(ops.update, {
        path: customerPath(UNKNOWN_ID),
        query: site(ctx),
        body: { ...site(ctx), first_name: 'Understudy' },
      });
      ctx.expectStatus(put, 404);
      const del = await ctx.send(ops.delete, { path: customerPath(UNKNOWN_ID), query: site(ctx) });
      ctx.expectStatus(del, 404);
    },
  },
  {
    id: 'pelcro.method.not-allowed',
    title: 'PATCH /customers/{id} answers 405 with Laravel\'s "method is not supported" text',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.patch, {
        path: customerPath(UNKNOWN_ID),
        query: site(ctx),
        body: { ...site(ctx), first_name: 'Understudy' },
      });
      if (ctx.expectStatus(res, 405)) {
        const message = messageOf(res) ?? '';
        const expected = http.methodNotSupported('PATCH');
        ctx.expect(message.startsWith(expected), res, '$.message', `"${expected}…"`, JSON.stringify(message));
        // Symfony's MethodNotAllowedHttpException carries `Allow`, and Laravel renders it.
        expectAllow(ctx, res, ['GET', 'PUT', 'DELETE'], 'PATCH');
      }
    },
  },
  {
    id: 'pelcro.route.trailing-slash',
    title: 'GET /customers/ with a trailing slash is answered, or redirected to /customers keeping the query',
    async run(ctx: Ctx) {
      // Laravel's router ignores a trailing slash; the stock Apache rules redirect it instead (301).
      const query = { ...site(ctx), limit: '1', understudy_probe: 'kept' };
      const res = await ctx.sendUndocumented({ method: 'GET', path: '/customers/', query });
      ctx.note(expectCanonicalRedirect(ctx, res, ctx.url('/customers', query)));
    },
  },
  ...rejectionChecks,
]);
