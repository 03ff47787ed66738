/**
 * A sixth round of Pelcro drift, from a probe of some fifty deployments drifting as a provider's
 * release might (headers, statuses, error shapes, types, pagination, filters, write semantics and
 * the Open API's tokens). Those the suite let through are here, with the check that now fails on
 * each (docs/contracts.md); the faithful variations below it must pass.
 */
import type { Drift } from '../harness';
import { reverseKeys } from './kit';
import { jsonBodyOf } from './transport';

const pathOf = (request: Request) => new URL(request.url).pathname;
type Data = { data?: Record<string, unknown> & { auth_token?: string } };

/** Customers as last answered, by id: what a PUT that skips the unique rule answers. */
const lastSeen = new Map<number, Record<string, unknown>>();

/** The token the Open API register answered last. */
let registerToken: string | undefined;

/** A register that drops `field` from the form it is sent. */
function registerIgnoring(field: string): Drift {
  return {
    name: `the Open API register ignoring ${field}`,
    request: async (request, url) => {
      if (!url.pathname.endsWith('/sdk/auth/register')) return request;
      const body = await jsonBodyOf(request);
      if (!body || !(field in body)) return request;
      delete body[field];
      return new Request(url, { method: request.method, headers: request.headers, body: JSON.stringify(body) });
    },
  };
}

export const pelcroSixthDrifts: Drift[] = [
  {
    // `unique:users,email` on create only: an update may give a customer another's email.
    name: "a PUT of another customer's email accepted (the unique rule left out of the update)",
    response: async (answer, request) => {
      const data = (answer.json as Data | undefined)?.data;
      const id = /\/core\/customers\/(\d+)$/.exec(pathOf(request))?.[1];
      if (data && typeof data.id === 'number' && 'email_confirm' in data) lastSeen.set(data.id, data);
      const errors = (answer.json as { errors?: { email?: string[] } } | undefined)?.errors;
      if (request.method !== 'PUT' || !id || errors?.email?.[0] !== 'The email has already been taken.') return;
      const sent = await jsonBodyOf(request);
      answer.status = 200;
      answer.json = { data: { ...lastSeen.get(Number(id)), email: sent?.email } };
    },
  },
  {
    // One token per customer: once logged out or refreshed, every later login answers a dead token.
    name: 'the Open API login answering the token register issued (one token per customer)',
    response: (answer, request) => {
      const data = (answer.json as Data | undefined)?.data;
      if (pathOf(request).endsWith('/sdk/auth/register') && data?.auth_token) registerToken = data.auth_token;
      if (pathOf(request).endsWith('/sdk/auth/login') && answer.status === 200 && data && registerToken) data.auth_token = registerToken;
    },
  },
  {
    // REFERENCE: the update answers a fresh token; this one hands back the token it was sent.
    name: 'the Open API update answering the token it was sent',
    response: (answer, request) => {
      const data = (answer.json as Data | undefined)?.data;
      const sent = request.headers.get('authorization');
      if (request.method === 'PUT' && pathOf(request).endsWith('/sdk/customer') && data?.auth_token && sent)
        data.auth_token = sent.slice('Bearer '.length);
    },
  },
  registerIgnoring('metadata'),
  registerIgnoring('last_name'),
];

/**
 * A login that answers the customer's live token rather than a new one: a token stays live until
 * it is logged out or refreshed away. REFERENCE promises a new token only on update and refresh.
 */
function loginAnsweringLiveToken(): Drift {
  const live = new Map<number, string>();
  return {
    name: "a login answering the customer's live token (new ones only after a logout or refresh)",
    response: (answer, request) => {
      const path = pathOf(request);
      const sent = request.headers.get('authorization')?.replace(/^Bearer /, '');
      if (sent && (path.endsWith('/sdk/auth/logout') || path.endsWith('/sdk/customer/refresh'))) {
        for (const [id, token] of live) if (token === sent) live.delete(id);
      }
      const data = (answer.json as Data | undefined)?.data;
      if (answer.status >= 300 || typeof data?.id !== 'number' || !data.auth_token) return;
      const kept = live.get(data.id);
      if (path.endsWith('/sdk/auth/login') && kept) data.auth_token = kept;
      else live.set(data.id, data.auth_token);
    },
  };
}

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const pelcroSixthFaithful: Drift[] = [
  loginAnsweringLiveToken(),
  {
    name: 'every object with its keys in reverse order',
    response: (answer) => {
      answer.json = reverseKeys(answer.json);
    },
  },
  { name: 'another account (seed 7: other customers, addresses and sources)', app: { seed: 7 } },
  {
    name: 'WWW-Authenticate: Bearer on every 401',
    response: (answer) => void (answer.status === 401 && answer.headers.set('www-authenticate', 'Bearer')),
  },
  {
    // Laravel's ValidationException renders `message` (the first error) beside `errors`.
    name: "Laravel's top-level message beside errors",
    response: (answer) => {
      const body = answer.json as { errors?: Record<string, unknown> } | undefined;
      if (answer.status !== 400 || !body?.errors || Array.isArray(body.errors)) return;
      const first = Object.values(body.errors).find(Array.isArray)?.[0];
      if (typeof first === 'string') answer.json = { message: first, ...body };
    },
  },
];
