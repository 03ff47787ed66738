/**
 * A sixth round of Piriod drift, from a probe of some fifty deployments drifting as a provider's
 * release might (headers, statuses, error shapes, types, pagination, filters, write semantics,
 * auth). Those the suite let through are here, with the check that now fails on each
 * (docs/contracts.md); the faithful variations below it must pass.
 */
import { everywhere, type Drift } from '../harness';
import { customers, isCustomer } from './piriod';
import { reverseKeys } from './kit';
import { jsonBodyOf } from './transport';

const isContact = (o: Record<string, unknown>) => typeof o.id === 'string' && o.id.startsWith('con_');
const isContactsList = (request: Request) => request.method === 'GET' && new URL(request.url).pathname === '/contacts/';

export const piriodSixthDrifts: Drift[] = [
  {
    // Only pages read through the customer list's reader were held to DRF's page arithmetic.
    name: 'the contacts list `count` the size of the page',
    response: (answer, request) => {
      if (!isContactsList(request) || answer.status !== 200) return;
      const page = answer.json as { count: number; results: unknown[] };
      page.count = page.results.length;
    },
  },
  {
    // A contact serializer whose Meta.fields lost phone, invoicing and collections: the create
    // answers 201 with the defaults.
    name: 'a contact create that ignores phone, invoicing and collections',
    request: async (request, url) => {
      if (request.method !== 'POST' || url.pathname !== '/contacts/') return request;
      const body = await jsonBodyOf(request);
      if (!body) return request;
      for (const field of ['phone', 'invoicing', 'collections']) delete body[field];
      return new Request(url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) });
    },
  },
  {
    // A nested serializer given a sliced queryset (`contacts[:5]`): a customer's later contacts vanish.
    name: "a customer's `contacts` capped at 5",
    response: customers((c) => {
      if (Array.isArray(c.contacts) && c.contacts.length > 5) c.contacts = c.contacts.slice(0, 5);
    }),
  },
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const piriodSixthFaithful: Drift[] = [
  {
    // The customers' phones are judged by their digits; a contact's phone may be kept in another
    // layout alike (a phone field that formats what it stores).
    name: 'contact phones answered in another layout (+56 9 1234 0101)',
    response: (answer) =>
      everywhere(answer.json, isContact, (c) => {
        const phone = /^\+56(9)(\d{4})(\d{4})$/.exec(typeof c.phone === 'string' ? c.phone : '');
        if (phone) c.phone = `+56 ${phone[1]} ${phone[2]} ${phone[3]}`;
      }),
  },
  {
    // The newest customer (the first of the default order, so the filter checks' sample) is named
    // with ß: PostgreSQL's UPPER() keeps it, so a term written SS finds nothing.
    name: 'an account whose newest customer is named Großhandelsgesellschaft',
    app: {
      scenario: {
        name: 'fixtures',
        piriod: {
          customers: 50,
          fixtures: [
            {
              name: 'Großhandelsgesellschaft Andes Ltda',
              country: 'DE',
              email: 'kontakt@grosshandel.example',
              created: '2025-12-31T20:00:00-03:00',
            },
          ],
        },
      },
    },
  },
  {
    // A challenge may carry parameters after its scheme (RFC 9110 §11.6.1).
    name: 'WWW-Authenticate: Token realm="api"',
    response: (answer) => void (answer.status === 401 && answer.headers.set('www-authenticate', 'Token realm="api"')),
  },
  {
    name: 'every object with its keys in reverse order',
    response: (answer) => {
      answer.json = reverseKeys(answer.json);
    },
  },
  { name: 'another account (seed 7: other customers, contacts and sources)', app: { seed: 7 } },
  {
    // The same instants in UTC (a deployment with TIME_ZONE = 'UTC').
    name: 'timestamps in UTC with +00:00',
    response: (answer) =>
      everywhere(answer.json, isCustomer, (c) => {
        for (const key of ['created', 'updated']) {
          const value = c[key];
          if (typeof value !== 'string') continue;
          const micro = /\.(\d{6})/.exec(value)?.[1] ?? '000000';
          c[key] = new Date(value).toISOString().replace(/\.\d{3}Z$/, `.${micro}+00:00`);
        }
      }),
  },
];
