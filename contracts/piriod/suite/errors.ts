/**
 * Behaviour on bad requests: DRF's exact statuses and texts for missing or malformed credentials,
 * unknown ids, verbs the endpoint does not allow, and bodies the serializer refuses. Every request
 * here must be rejected, so these checks run in read-only mode too (with the test-mode header, so
 * a target that wrongly accepts one writes test data only).
 */
import { challengeScheme } from '../../check/credentials';
import { expectAllow, expectCanonicalRedirect } from '../../check/invariants';
import type { CheckDef, Res } from '../../check/runner';
import { statusText } from '../../check/http';
import { checksOf, expectNotNamed } from '../../check/suite-kit';
import { MESSAGES, MODEL_NAMES } from '../messages';
import {
  UNKNOWN_ID,
  customerPath,
  detailOf,
  expectDetail,
  expectFieldError,
  expectFieldErrorAmong,
  ops,
  type Ctx,
  type PiriodState,
} from './api';
import { TEST_MODE, badRut, newCustomer, stray } from './records';

type Check = CheckDef<PiriodState>;

/** A valid create body with some fields replaced, tagged so a wrongly accepted one is recognisable. */
function bodyWith(ctx: Ctx, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...newCustomer(`${ctx.options.runTag}-rejected`), ...changes };
}

interface Rejection {
  id: string;
  title: string;
  /** The JSON body, built with the run's tag so that a wrongly accepted one is recognisable. */
  body?: (ctx: Ctx) => unknown;
  rawBody?: string;
  contentType?: string;
  status: number;
  /** `detail` text, or fields and one of each one's messages (every failing field is listed). */
  detail?: string | ((detail: string) => boolean);
  field?: [string, string];
  /** A field whose message may be any of several (the documentation does not pin one down). */
  fieldAnyOf?: [string, string[]];
  fields?: [string, string][];
  /** Keys the error body must not have (fields the serializer ignores). */
  absent?: string[];
}

/** A field the serializer does not declare: DRF ignores it, so it must never be named in an error. */
const UNKNOWN_FIELD = 'understudy_unknown_field';

const rejections: Rejection[] = [
  { id: 'empty', title: 'an empty object', body: () => ({}), status: 400, field: ['name', MESSAGES.required] },
  {
    id: 'email',
    title: 'an invalid email',
    body: (ctx) => bodyWith(ctx, { email: 'not-an-email' }),
    status: 400,
    field: ['email', MESSAGES.email],
  },
  {
    id: 'tax-id',
    title: 'a RUT with a wrong check digit',
    body: (ctx) => bodyWith(ctx, { tax_id: badRut(12_345_678) }),
    status: 400,
    field: ['tax_id', MESSAGES.invalidFormat],
  },
  {
    // Piriod reads `country` back as a Country object, so it writes as a relation by code; which
    // field refuses an unknown code (a ChoiceField, DRF's PrimaryKeyRelatedField or SlugRelatedField,
    // or with Piriod's own rewording of its text) its documentation does not say. Each refuses it
    // with a 400 naming the code under `country`.
    id: 'country',
    title: 'an unknown country code',
    body: (ctx) => bodyWith(ctx, { country: 'XX' }),
    status: 400,
    fieldAnyOf: [
      'country',
      [MESSAGES.invalidChoice('XX'), MESSAGES.pkNotFound('XX'), MESSAGES.relatedNotFound('XX'), MESSAGES.slugNotFound('id', 'XX')],
    ],
  },
  { id: 'null-name', title: 'a null name', body: (ctx) => bodyWith(ctx, { name: null }), status: 400, field: ['name', MESSAGES.null] },
  { id: 'blank-name', title: 'a blank name', body: (ctx) => bodyWith(ctx, { name: '' }), status: 400, field: ['name', MESSAGES.blank] },
  {
    // DRF validates every field and lists every failure at once (Serializer.to_internal_value).
    id: 'several',
    title: 'a blank name and an invalid email',
    body: (ctx) => bodyWith(ctx, { name: '', email: 'not-an-email' }),
    status: 400,
    fields: [
      ['name', MESSAGES.blank],
      ['email', MESSAGES.email],
    ],
  },
  {
    id: 'unknown-field',
    title: 'an invalid email beside a field the API does not have',
    body: (ctx) => bodyWith(ctx, { email: 'not-an-email', [UNKNOWN_FIELD]: 'ignored' }),
    status: 400,
    field: ['email', MESSAGES.email],
    absent: [UNKNOWN_FIELD],
  },
  {
    id: 'list-body',
    title: 'a JSON list instead of an object',
    body: (ctx) => [bodyWith(ctx, {})],
    status: 400,
    field: ['non_field_errors', MESSAGES.notAnObject([])],
  },
  {
    id: 'bad-json',
    title: 'a body that is not JSON',
    rawBody: '{"name": ',
    status: 400,
    // The text after the dash is Python's json error, which names the position.
    detail: (d) => d.startsWith(MESSAGES.parseError('json', '')),
  },
  {
    id: 'media-type',
    title: 'a text/plain body',
    rawBody: 'name=understudy',
    contentType: 'text/plain',
    status: 415,
    detail: MESSAGES.unsupportedMediaType('text/plain'),
  },
];

/**
 * The status a rejection expects, with the values it sends to be refused (`400, refusing tax_id
 * "12.345.678-1"`), so a report of a request accepted says what was accepted.
 */
function refusal(r: Rejection, body: unknown): string {
  const fields = [r.field, ...(r.fields ?? []), r.fieldAnyOf].flatMap((f) => (f && f[0] !== 'non_field_errors' ? [f[0]] : []));
  if (typeof body !== 'object' || body === null || Array.isArray(body) || fields.length === 0) return `${r.status} (${r.title} refused)`;
  const sent = body as Record<string, unknown>;
  return `${r.status}, refusing ${fields.map((f) => (f in sent ? `${f} ${JSON.stringify(sent[f])}` : `${f} missing`)).join(' and ')}`;
}

/** One check per refused body, so a report names exactly which refusal drifted. */
const rejectionChecks: Check[] = rejections.map((r) => ({
  id: `piriod.create.rejects.${r.id}`,
  level: 'behaviour',
  mode: 'read',
  title: `POST /customers/ with ${r.title} answers ${r.status} with DRF's text`,
  async run(ctx: Ctx) {
    const body = r.body?.(ctx);
    const res = await ctx.send(ops.create, {
      path: '/customers/',
      body,
      rawBody: r.rawBody,
      contentType: r.contentType,
      headers: TEST_MODE,
    });
    stray(ctx, res, 'customer', `piriod.create.rejects.${r.id}`);
    if (!ctx.expect(res.status === r.status, res, 'status', refusal(r, body), statusText(res))) return;
    for (const [field, message] of [...(r.field ? [r.field] : []), ...(r.fields ?? [])]) expectFieldError(ctx, res, field, message);
    if (r.fieldAnyOf) expectFieldErrorAmong(ctx, res, ...r.fieldAnyOf);
    for (const key of r.absent ?? []) {
      const body = res.json as Record<string, unknown> | undefined;
      expectNotNamed(ctx, res, body, key, `$.${key}`, 'no error (DRF ignores fields the serializer does not declare)');
    }
    if (typeof r.detail === 'string') expectDetail(ctx, res, r.detail);
    else if (r.detail) {
      const detail = detailOf(res);
      ctx.expect(
        detail !== undefined && r.detail(detail),
        res,
        '$.detail',
        `DRF's text for ${r.title}`,
        JSON.stringify(detail ?? res.text.slice(0, 80)),
      );
    }
  },
}));

/**
 * DRF answers 401 only when the authenticator names a scheme for `WWW-Authenticate`; without one
 * it turns the failure into a 403 (APIView.handle_exception). So every DRF 401 carries the header,
 * and TokenAuthentication's is its keyword, `Token` (authenticate_header): what a client reads to
 * know how to authenticate. Only the scheme is held: a challenge may carry parameters after it
 * (`Token realm="api"`, RFC 9110 §11.6.1) and its scheme is compared without case (§11.1).
 */
function expectUnauthenticated(ctx: Ctx, res: Res, text: string): void {
  if (!ctx.expectStatus(res, 401)) return;
  expectDetail(ctx, res, text);
  const challenge = res.headers.get('www-authenticate');
  ctx.expect(
    challengeScheme(challenge) === 'token',
    res,
    'header www-authenticate',
    '"Token" (TokenAuthentication, on every 401)',
    challenge ?? 'missing',
  );
}

const authChecks: Check[] = checksOf('behaviour', 'read', [
  {
    id: 'piriod.auth.missing',
    title: `no Authorization header answers 401 "${MESSAGES.notAuthenticated}"`,
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, { path: '/customers/', headers: { Authorization: null } });
      expectUnauthenticated(ctx, res, MESSAGES.notAuthenticated);
    },
  },
  {
    id: 'piriod.auth.malformed',
    title: 'a malformed Token header answers 401 with DRF\'s "Invalid token header." texts',
    async run(ctx: Ctx) {
      const cases: [string, string][] = [
        ['Token', MESSAGES.tokenWithoutCredentials],
        ['Token abc def', MESSAGES.tokenWithSpaces],
      ];
      for (const [header, text] of cases) {
        const res = await ctx.send(ops.list, { path: '/customers/', headers: { Authorization: header } });
        expectUnauthenticated(ctx, res, text);
      }
    },
  },
  {
    id: 'piriod.auth.invalid',
    title: `an unknown token answers 401 "${MESSAGES.invalidToken}"`,
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, {
        path: '/customers/',
        headers: { Authorization: `Token understudy${ctx.options.runTag.replace(/\W/g, '')}0invalid` },
      });
      // A mock started without --tokens accepts every token: nothing to judge there.
      if (res.status === 200) ctx.skip('the target accepts any token (a mock started without --tokens?)');
      expectUnauthenticated(ctx, res, MESSAGES.invalidToken);
    },
  },
  {
    id: 'piriod.auth.workspace',
    title: `a request without X-Simple-Workspace answers 400 "${MESSAGES.workspaceRequired}"`,
    async run(ctx: Ctx) {
      if (!ctx.options.workspace) ctx.skip('no --workspace given: the target is not known to require one');
      const res = await ctx.send(ops.list, { path: '/customers/', headers: { 'X-Simple-Workspace': null } });
      if (res.status === 200) ctx.skip('the target does not require the workspace header (a mock without --require-workspace?)');
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'non_field_errors', MESSAGES.workspaceRequired);
    },
  },
]);

const lookupChecks: Check[] = checksOf('behaviour', 'read', [
  {
    id: 'piriod.retrieve.unknown',
    title: 'GET /customers/{unknown}/ answers 404 in DRF shape',
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.retrieve, { path: customerPath(UNKNOWN_ID) });
      // DRF ≥ 3.15 names the model; older versions say `MESSAGES.notFound`.
      if (ctx.expectStatus(res, 404)) expectDetail(ctx, res, MESSAGES.noMatch(MODEL_NAMES.customer), MESSAGES.notFound);
    },
  },
  {
    id: 'piriod.update.unknown',
    title: 'PATCH and PUT /customers/{unknown}/ answer 404 in DRF shape (a PUT creates nothing)',
    async run(ctx: Ctx) {
      // A write to an id that exists would change real data: make sure it does not, first.
      const probe = await ctx.send(ops.retrieve, { path: customerPath(UNKNOWN_ID) });
      if (probe.status !== 404) ctx.skip(`GET of ${UNKNOWN_ID} answered ${probe.status}, not 404: no write is risked on it`);
      const patch = await ctx.send(ops.patch, { path: customerPath(UNKNOWN_ID), body: { name: 'understudy' }, headers: TEST_MODE });
      // A valid full body: UpdateModelMixin looks the record up first, and DRF has no PUT-as-create.
      const put = await ctx.send(ops.put, { path: customerPath(UNKNOWN_ID), body: bodyWith(ctx, {}), headers: TEST_MODE });
      stray(ctx, put, 'customer', 'piriod.update.unknown');
      for (const res of [patch, put]) {
        if (ctx.expectStatus(res, 404)) expectDetail(ctx, res, MESSAGES.noMatch(MODEL_NAMES.customer), MESSAGES.notFound);
      }
    },
  },
  {
    id: 'piriod.method.not-allowed',
    title: `POST /customers/{id}/ answers 405 ${JSON.stringify(MESSAGES.methodNotAllowed('POST'))}`,
    async run(ctx: Ctx) {
      // An unknown id: DRF refuses the verb before looking the record up, and nothing is at risk.
      const res = await ctx.send(ops.postInstance, { path: customerPath(UNKNOWN_ID), body: { name: 'understudy' }, headers: TEST_MODE });
      stray(ctx, res, 'customer', 'piriod.method.not-allowed');
      if (!ctx.expectStatus(res, 405)) return;
      expectDetail(ctx, res, MESSAGES.methodNotAllowed('POST'));
      // DRF puts `Allow` on every answer (APIView.finalize_response); a 405 must carry it.
      expectAllow(ctx, res, ['GET', 'PUT', 'PATCH', 'DELETE'], 'POST');
    },
  },
]);

/** DELETE of an id no account holds: a 404, and nothing at risk (a GET proves the id unknown first). */
const deleteUnknownChecks: Check[] = checksOf('behaviour', 'write', [
  {
    id: 'piriod.delete.unknown',
    title: 'DELETE /customers/{unknown}/ answers 404 in DRF shape',
    async run(ctx: Ctx) {
      const probe = await ctx.send(ops.retrieve, { path: customerPath(UNKNOWN_ID) });
      if (probe.status !== 404) ctx.skip(`GET of ${UNKNOWN_ID} answered ${probe.status}, not 404: no delete is risked on it`);
      const res = await ctx.send(ops.delete, { path: customerPath(UNKNOWN_ID), headers: TEST_MODE });
      if (ctx.expectStatus(res, 404)) expectDetail(ctx, res, MESSAGES.noMatch(MODEL_NAMES.customer), MESSAGES.notFound);
    },
  },
]);

/** The list without its trailing slash: Django's CommonMiddleware (APPEND_SLASH) redirects it. */
const routeChecks: Check[] = checksOf('behaviour', 'read', [
  {
    id: 'piriod.route.append-slash',
    title: 'GET /customers without the trailing slash redirects to /customers/ keeping the query (or is answered)',
    async run(ctx: Ctx) {
      const query = { page_size: '1', understudy_probe: 'kept' };
      const res = await ctx.sendUndocumented({ method: 'GET', path: '/customers', query });
      ctx.note(expectCanonicalRedirect(ctx, res, ctx.url('/customers/', query)));
    },
  },
]);

export const errorChecks: Check[] = [...authChecks, ...lookupChecks, ...deleteUnknownChecks, ...routeChecks, ...rejectionChecks];
