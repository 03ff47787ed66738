/**
 * Contacts and payment sources (the newest reference): their lists and records are what each
 * customer's `contacts` and `sources` show, their filters keep only what matches, and a contact's
 * writes follow the documented rules (the customer must exist; seven contacts per org unit). The
 * account's data is unknown, so read checks take their values from the first page of customers.
 */
import type { CheckDef, Res } from '../../check/runner';
import {
  checksOf,
  expectAnswered,
  expectEchoed,
  expectSameJson,
  expectUpdateTimes,
  requireRecord,
  schemaCheck,
} from '../../check/suite-kit';
import { MAX_CONTACTS_PER_ORGUNIT } from '../common';
import { CONTACT_FIELD_ORDER, CONTACT_WRITE_FIELDS } from '../contacts';
import { MESSAGES, MODEL_NAMES } from '../messages';
import { routeOf } from '../routes';
import {
  MAX_PAGE_SIZE,
  contactPath,
  customerPath,
  expectDetail,
  expectFieldError,
  firstPage,
  listOf,
  ops,
  sourcePath,
  UNKNOWN_ID,
  type ContactView,
  type Ctx,
  type CustomerView,
  type PiriodState,
  type SourceView,
} from './api';
import { TEST_MODE, TIMES, created, phoneDigits, stray } from './records';

type Check = CheckDef<PiriodState>;

const CONTACTS = routeOf('listContacts').path;

/** A customer of the first page holding at least one object in `field`, or a skip. */
async function customerWith(ctx: Ctx, field: 'contacts' | 'sources'): Promise<CustomerView> {
  const page = await firstPage(ctx);
  const found = page.results.find((c) => Array.isArray(c[field]) && (c[field] as unknown[]).some((o) => typeof o === 'object'));
  if (!found) ctx.skip(`no customer of the first page has ${field} to compare`);
  return found;
}

/** Every object of `expected` is in `results`, equal; no result belongs to another customer. */
function expectSameSet(ctx: Ctx, res: Res, results: { id: string; customer?: string }[], expected: { id: string }[], customer: string) {
  for (const [i, r] of results.entries()) {
    ctx.expect(r.customer === customer, res, `$.results[${i}].customer`, JSON.stringify(customer), JSON.stringify(r.customer));
  }
  for (const object of expected) {
    const listed = results.find((r) => r.id === object.id);
    ctx.expect(
      listed !== undefined,
      res,
      '$.results',
      `a list holding ${object.id} (shown by customer ${customer})`,
      `${results.length} without it`,
    );
    if (listed) expectSameJson(ctx, res, object, listed, `as customer ${customer} shows it`, ['results', object.id]);
  }
}

const schemaLevel: Check[] = [
  schemaCheck(
    'piriod.schema.contacts',
    'GET /contacts/ (and one contact) answers 200 with a ContactList (a Contact)',
    200,
    async function* (ctx) {
      const res = await ctx.send(ops.contacts.list, { path: CONTACTS, query: { page_size: 5 } });
      yield res;
      const first = (res.json as { results?: { id?: unknown }[] } | undefined)?.results?.[0];
      if (typeof first?.id === 'string') yield ctx.send(ops.contacts.retrieve, { path: contactPath(first.id) });
    },
  ),
  schemaCheck(
    'piriod.schema.sources',
    'GET /sources/ (and one source) answers 200 with a SourceList (a Source)',
    200,
    async function* (ctx) {
      const res = await ctx.send(ops.sources.list, { path: routeOf('listSources').path, query: { page_size: 5 } });
      yield res;
      const first = (res.json as { results?: { id?: unknown }[] } | undefined)?.results?.[0];
      if (typeof first?.id === 'string') yield ctx.send(ops.sources.retrieve, { path: sourcePath(first.id) });
    },
  ),
];

const readChecks: Check[] = checksOf('behaviour', 'read', [
  {
    id: 'piriod.contacts.of-customer',
    title: "GET /contacts/?customer= lists exactly the customer's `contacts`, each equal",
    async run(ctx: Ctx) {
      const customer = await customerWith(ctx, 'contacts');
      const page = await listOf(ctx, 'contacts', { customer: customer.id, page_size: MAX_PAGE_SIZE });
      const contacts = (customer.contacts ?? []) as ContactView[];
      expectSameSet(ctx, page.res, page.results as ContactView[], contacts, customer.id);
      ctx.expect(page.count === contacts.length, page.res, '$.count', `${contacts.length} (the customer's contacts)`, String(page.count));
    },
  },
  {
    id: 'piriod.contacts.filters',
    title: '?email=, ?invoicing= and ?collections= on /contacts/ keep only the contacts that match',
    async run(ctx: Ctx) {
      const sample = ((await customerWith(ctx, 'contacts')).contacts as ContactView[])[0];
      const cases: [string, string, (c: ContactView) => boolean][] = [
        ['email', String(sample.email), (c) => c.email === sample.email],
        ['invoicing', String(!sample.invoicing), (c) => c.invoicing === !sample.invoicing],
        ['collections', String(sample.collections), (c) => c.collections === sample.collections],
      ];
      for (const [name, value, matches] of cases) {
        const page = await listOf(ctx, 'contacts', { [name]: value, page_size: MAX_PAGE_SIZE });
        for (const [i, c] of (page.results as ContactView[]).entries()) {
          ctx.expect(matches(c), page.res, `$.results[${i}].${name}`, `${name} ${value}`, JSON.stringify(c[name]));
        }
      }
    },
  },
  {
    id: 'piriod.sources.of-customer',
    title: "GET /sources/?customer= holds every source the customer's `sources` shows, each equal, and no other customer's",
    async run(ctx: Ctx) {
      const customer = await customerWith(ctx, 'sources');
      const page = await listOf(ctx, 'sources', { customer: customer.id, page_size: MAX_PAGE_SIZE });
      const shown = (customer.sources ?? []).filter((s): s is SourceView => typeof s === 'object');
      expectSameSet(ctx, page.res, page.results as SourceView[], shown, customer.id);
    },
  },
  {
    id: 'piriod.sources.filters',
    title: '?gateway=, ?usage=, ?status= and ?id= on /sources/ keep only the sources that match',
    async run(ctx: Ctx) {
      const all = await listOf(ctx, 'sources', { page_size: MAX_PAGE_SIZE });
      const sample = all.results[all.results.length - 1] as SourceView | undefined;
      if (!sample) ctx.skip('the account has no payment sources');
      for (const field of ['gateway', 'usage', 'status', 'id'] as const) {
        const page = await listOf(ctx, 'sources', { [field]: String(sample[field]), page_size: MAX_PAGE_SIZE });
        for (const [i, s] of (page.results as SourceView[]).entries()) {
          ctx.expect(
            s[field] === sample[field],
            page.res,
            `$.results[${i}].${field}`,
            JSON.stringify(sample[field]),
            JSON.stringify(s[field]),
          );
        }
        ctx.expect(
          page.results.some((s) => s.id === sample.id) || page.count > MAX_PAGE_SIZE,
          page.res,
          '$.results',
          `a list holding ${sample.id}, whose ${field} was filtered by`,
          `${page.results.length} sources without it`,
        );
      }
    },
  },
  {
    id: 'piriod.sources.retrieve',
    title: 'GET /sources/{id}/ answers the source as the list shows it; an unknown id is a 404',
    async run(ctx: Ctx) {
      const page = await listOf(ctx, 'sources', { page_size: 1 });
      const first = page.results[0];
      if (first) expectAnswered(ctx, await ctx.send(ops.sources.retrieve, { path: sourcePath(first.id) }), first, 'as the list shows it');
      const res = await ctx.send(ops.sources.retrieve, { path: sourcePath('sou_understudyNoSuch000') });
      if (ctx.expectStatus(res, 404)) expectDetail(ctx, res, MESSAGES.noMatch(MODEL_NAMES.source), MESSAGES.notFound);
    },
  },
  {
    id: 'piriod.filter.status-invalid',
    title: `GET /customers/?status=<not a status> answers 400 "${MESSAGES.filterInvalidChoice('understudy')}"`,
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.list, { path: routeOf('listCustomers').path, query: { status: 'understudy' } });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'status', MESSAGES.filterInvalidChoice('understudy'));
    },
  },
  {
    id: 'piriod.filter.created-invalid',
    title: `GET /customers/?created__gte=<not a date> answers 400 "${MESSAGES.filterDateTime}"`,
    async run(ctx: Ctx) {
      // django-filter's IsoDateTimeFilter refuses what Django cannot read as a date/time; a
      // deployment that drops the value instead answers every customer as if it matched.
      const res = await ctx.send(ops.list, { path: routeOf('listCustomers').path, query: { created__gte: 'understudy' } });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'created__gte', MESSAGES.filterDateTime);
    },
  },
  {
    id: 'piriod.contacts.unknown-customer',
    title: `POST /contacts/ naming a customer that does not exist answers 400 "${MESSAGES.relatedNotFound('cus_…')}"`,
    async run(ctx: Ctx) {
      const body = { name: 'understudy rejected', email: 'understudy-rejected@example.com', customer: UNKNOWN_ID };
      const res = await ctx.send(ops.contacts.create, { path: CONTACTS, body, headers: TEST_MODE });
      stray(ctx, res, 'contact', 'piriod.contacts.unknown-customer');
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'customer', MESSAGES.relatedNotFound(UNKNOWN_ID));
    },
  },
  {
    id: 'piriod.contacts.required',
    title: `POST /contacts/ with an empty object answers 400 "${MESSAGES.required}" for name, email and customer`,
    async run(ctx: Ctx) {
      const res = await ctx.send(ops.contacts.create, { path: CONTACTS, body: {}, headers: TEST_MODE });
      stray(ctx, res, 'contact', 'piriod.contacts.required');
      if (!ctx.expectStatus(res, 400)) return;
      for (const field of ['name', 'email', 'customer']) expectFieldError(ctx, res, field, MESSAGES.required);
    },
  },
]);

/** The body of a contact of the run's customer. */
function newContact(ctx: Ctx, customer: string, n: number, orgunit?: string): Record<string, unknown> {
  const tag = ctx.options.runTag.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return {
    name: `understudy contact ${n}`,
    email: `understudy-contact-${n}+${tag}@example.com`,
    customer,
    ...(orgunit ? { orgunit } : {}),
  };
}

/**
 * A contact body with every writable field of the serializer (CONTACT_WRITE_FIELDS) given a value
 * other than its default: the booleans false (both default to true), the text fields a value of
 * their own. A create that drops one of them answers the default, so the echo shows it.
 */
function fullContact(ctx: Ctx, customer: string, n: number, orgunit: string): Record<string, unknown> {
  const body = newContact(ctx, customer, n, orgunit);
  for (const field of CONTACT_FIELD_ORDER) {
    if (field in body) continue;
    const spec = CONTACT_WRITE_FIELDS[field];
    body[field] = spec.kind === 'boolean' ? false : field === 'phone' ? `+5691234${String(n).padStart(4, '0')}` : `understudy ${field}`;
  }
  return body;
}

function readContact(ctx: Ctx, res: Res, status: number): ContactView {
  return requireRecord(ctx, res, status, (json) => json as ContactView | undefined, '$.id', 'string');
}

/** The customer as the API has it now. */
async function customerNow(ctx: Ctx, id: string): Promise<{ res: Res; customer: CustomerView }> {
  const res = await ctx.send(ops.retrieve, { path: customerPath(id) });
  return { res, customer: requireRecord(ctx, res, 200, (json) => json as CustomerView | undefined, '$.id', 'string') };
}

const writeChecks: Check[] = checksOf('behaviour', 'write', [
  {
    id: 'piriod.contacts.round-trip',
    title:
      "POST /contacts/ creates a contact (invoicing and collections true by default) that reads back equal and joins its customer's `contacts`; PATCH changes it there too",
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const body = newContact(ctx, customer.id, 1);
      const res = await ctx.send(ops.contacts.create, { path: CONTACTS, body, headers: TEST_MODE });
      const contact = readContact(ctx, res, 201);
      ctx.state.contact = contact;
      for (const field of ['name', 'email', 'customer'] as const) {
        ctx.expect(contact[field] === body[field], res, `$.${field}`, JSON.stringify(body[field]), JSON.stringify(contact[field]));
      }
      for (const field of ['invoicing', 'collections'] as const) {
        ctx.expect(contact[field] === true, res, `$.${field}`, 'true (the default)', JSON.stringify(contact[field]));
      }
      expectAnswered(ctx, await ctx.send(ops.contacts.retrieve, { path: contactPath(contact.id) }), contact, 'as the create answered');
      const patched = await ctx.send(ops.contacts.patch, { path: contactPath(contact.id), body: { collections: false } });
      const after = readContact(ctx, patched, 200);
      ctx.expect(after.collections === false, patched, '$.collections', 'false (as patched)', JSON.stringify(after.collections));
      // A contact's `created` and `updated` are auto_now_add and auto_now, as a customer's.
      expectUpdateTimes(ctx, patched, TIMES, contact, after);
      ctx.state.contact = after;
      const now = await customerNow(ctx, customer.id);
      const shown = (now.customer.contacts ?? []).find((c) => c.id === contact.id);
      ctx.expect(
        shown !== undefined,
        now.res,
        '$.contacts',
        `a list holding ${contact.id}`,
        JSON.stringify(now.customer.contacts?.map((c) => c.id)),
      );
      if (shown) expectSameJson(ctx, now.res, after, shown, 'as the PATCH answered', ['contacts', contact.id]);
    },
  },
  {
    id: 'piriod.contacts.seven-per-orgunit',
    title: `a customer takes at most ${MAX_CONTACTS_PER_ORGUNIT} contacts per org unit: the next answers 400 "${MESSAGES.tooManyContacts(MAX_CONTACTS_PER_ORGUNIT)}"`,
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const orgunit = 'understudy-unit';
      ctx.state.unitContacts = [];
      for (let n = 1; n <= MAX_CONTACTS_PER_ORGUNIT; n++) {
        // Each carries every writable field, so a create that ignores one shows in its answer (a
        // phone by its digits, as the customer's: it may be kept in another layout).
        const body = fullContact(ctx, customer.id, 100 + n, orgunit);
        const res = await ctx.send(ops.contacts.create, { path: CONTACTS, body, headers: TEST_MODE });
        if (res.status === 201) {
          const contact = readContact(ctx, res, 201);
          expectEchoed(ctx, res, body, contact, { path: [], readAs: { phone: phoneDigits } });
          ctx.state.unitContacts.push(contact.id);
        }
        ctx.require(
          res.status === 201,
          res,
          'status',
          `201 for contact ${n} of ${MAX_CONTACTS_PER_ORGUNIT}`,
          `${res.status} ${res.text.slice(0, 80)}`,
        );
      }
      const res = await ctx.send(ops.contacts.create, {
        path: CONTACTS,
        body: newContact(ctx, customer.id, 199, orgunit),
        headers: TEST_MODE,
      });
      if (ctx.expectStatus(res, 400)) expectFieldError(ctx, res, 'non_field_errors', MESSAGES.tooManyContacts(MAX_CONTACTS_PER_ORGUNIT));
      const page = await listOf(ctx, 'contacts', { customer: customer.id, orgunit, page_size: MAX_PAGE_SIZE });
      ctx.expect(
        page.count === MAX_CONTACTS_PER_ORGUNIT,
        page.res,
        '$.count',
        `${MAX_CONTACTS_PER_ORGUNIT} contacts in the unit`,
        String(page.count),
      );
    },
  },
  {
    id: 'piriod.contacts.delete',
    title: "DELETE /contacts/{id}/ answers 204; the contact then answers 404 and leaves its customer's `contacts`",
    async run(ctx: Ctx) {
      const customer = await created(ctx);
      const contact = ctx.state.contact;
      if (!contact) ctx.skip('no contact was created (see piriod.contacts.round-trip)');
      const res = await ctx.send(ops.contacts.delete, { path: contactPath(contact.id) });
      ctx.expectStatus(res, 204);
      const gone = await ctx.send(ops.contacts.retrieve, { path: contactPath(contact.id) });
      if (ctx.expectStatus(gone, 404)) expectDetail(ctx, gone, MESSAGES.noMatch(MODEL_NAMES.contact), MESSAGES.notFound);
      const now = await customerNow(ctx, customer.id);
      const ids = (now.customer.contacts ?? []).map((c) => c.id);
      ctx.expect(!ids.includes(contact.id), now.res, '$.contacts', `no ${contact.id} (deleted)`, JSON.stringify(ids));
      // Every contact the customer still has shows there, however many (a serializer that caps a
      // nested list drops the rest).
      const missing = (ctx.state.unitContacts ?? []).filter((id) => !ids.includes(id));
      ctx.expect(
        missing.length === 0,
        now.res,
        '$.contacts',
        `the ${ctx.state.unitContacts?.length} contacts of its org unit too`,
        `without ${missing.join(', ')}`,
      );
      ctx.state.contact = undefined;
    },
  },
]);

export const contactAndSourceChecks: Check[] = [...schemaLevel, ...readChecks, ...writeChecks];
