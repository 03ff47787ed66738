/**
 * A ninth round of Pelcro drift, from a probe of some forty deployments drifting as a release or a
 * proxy might (a field renamed in one endpoint's answer only, a nested number a zero-padded string
 * below 10, ISO timestamps on writes only, `links.next` looping back to page 1, `meta.total` still
 * counting deleted customers, error bodies reshaped for one status, only the first invalid field
 * reported, the Open API token refused after a Core update, or kept after its customer's delete,
 * a deleted customer's addresses still readable, rate-limit headers). Those the suite let through
 * are here, with the check that now fails on each (docs/contracts.md); the faithful variations
 * below it must pass.
 */
import { asJson, reordered, type Answer, type Drift } from '../harness';

const pathOf = (request: Request) => new URL(request.url).pathname;
const isSdk = (request: Request) => pathOf(request).startsWith('/api/v1/sdk/');
const isCustomerDelete = (request: Request, answer: Answer) =>
  request.method === 'DELETE' && /\/core\/customers\/\d+$/.test(pathOf(request)) && answer.status === 204;

export const pelcroNinthDrifts: Drift[] = [
  {
    // A throttle whose counter counts up instead of down: Remaining past the limit. A client
    // pacing itself by it floods. Caught on every answer (contracts/check/rate-limit.ts).
    name: 'X-RateLimit-Remaining above X-RateLimit-Limit (a counter that counts up)',
    response: (() => {
      let sent = 0;
      return (answer: Answer) => {
        sent++;
        answer.headers.set('x-ratelimit-limit', '60');
        answer.headers.set('x-ratelimit-remaining', String(59 + sent));
      };
    })(),
  },
  {
    // A customer delete that no longer reaches its addresses (a scope dropped from the address
    // query): an address read after its customer's delete answers it. Caught by
    // pelcro.delete.addresses, which deletes the address checks' customer itself.
    name: "a deleted customer's addresses still readable",
    response: (() => {
      const read = new Map<string, unknown>();
      let deleted = false;
      return (answer: Answer, request: Request) => {
        const path = pathOf(request);
        if (request.method === 'GET' && /\/core\/addresses\/\d+$/.test(path) && answer.status === 200) read.set(path, answer.json);
        if (isCustomerDelete(request, answer)) deleted = true;
        if (deleted && answer.status === 404 && read.has(path)) asJson(answer, 200, read.get(path));
      };
    })(),
  },
  {
    // A guard that checks the token's signature and not that its customer still exists: a deleted
    // account keeps reading its data. Caught by pelcro.sdk.deleted.
    name: 'the Open API token still working after its customer is deleted',
    response: (() => {
      let current: unknown;
      let deleted = false;
      return (answer: Answer, request: Request) => {
        if (isCustomerDelete(request, answer)) deleted = true;
        const path = pathOf(request);
        if (!isSdk(request) || !path.endsWith('/sdk/customer')) return;
        if (request.method === 'POST' && answer.status === 200) current = answer.json;
        else if (deleted && request.headers.get('authorization') && answer.status >= 400 && current) asJson(answer, 200, current);
      };
    })(),
  },
];

/** Deployments that honour the contract in ways the mock does not show: the run must pass. */
export const pelcroNinthFaithful: Drift[] = [
  {
    // JSON_PRETTY_PRINT in a resource's encoding options; a trailing newline is white space (RFC 8259 §2).
    name: 'JSON_PRETTY_PRINT with a trailing newline',
    response: (answer) => {
      if (answer.json === undefined) return;
      answer.text = `${JSON.stringify(answer.json, null, 4)}\n`;
      answer.json = undefined;
    },
  },
  {
    // A resource whose fields are declared in another order: JSON objects are unordered (RFC 8259 §4).
    name: 'every object with its keys in another order',
    response: (answer) => {
      if (answer.json !== undefined) answer.json = reordered(answer.json);
    },
  },
  {
    // Laravel's HandleCors (config/cors.php) on the API routes.
    name: 'CORS headers (Access-Control-Allow-Origin: *, Vary: Origin)',
    response: (answer) => {
      answer.headers.set('access-control-allow-origin', '*');
      answer.headers.set('access-control-expose-headers', 'Authorization');
      answer.headers.set('vary', 'Origin');
    },
  },
  {
    // Symfony's Response::prepare: Cache-Control: no-cache, private and a Date on every answer.
    name: "Laravel's Cache-Control: no-cache, private and a Date",
    response: (answer) => {
      answer.headers.set('cache-control', 'no-cache, private');
      answer.headers.set('date', new Date().toUTCString());
    },
  },
  {
    // A proxy that names the charset JSON is always in (RFC 8259 §8.1: UTF-8).
    name: 'Content-Type application/json; charset=UTF-8',
    response: (answer) => {
      if ((answer.headers.get('content-type') ?? '').startsWith('application/json')) {
        answer.headers.set('content-type', 'application/json; charset=UTF-8');
      }
    },
  },
  {
    // tymon/jwt-auth's RefreshToken middleware puts a token in the answer's Authorization header.
    name: 'an Authorization: Bearer header on Open API answers (jwt-auth RefreshToken)',
    response: (answer, request) => {
      if (isSdk(request)) answer.headers.set('authorization', 'Bearer eyJ0eXAiOiJKV1QifQ.e30.x');
    },
  },
  {
    // The IETF draft's RateLimit and RateLimit-Policy (not X-RateLimit-*): nothing to judge.
    name: 'RateLimit and RateLimit-Policy headers (IETF draft) on every answer',
    response: (answer) => {
      answer.headers.set('ratelimit', 'limit=60, remaining=59, reset=60');
      answer.headers.set('ratelimit-policy', '60;w=60');
    },
  },
  {
    // A router that does not ignore a trailing slash: a refusal of /customers/, no data at risk.
    name: 'the list with a trailing slash answered 404',
    response: (answer, request) => {
      if (request.method === 'GET' && pathOf(request).endsWith('/core/customers/')) {
        asJson(answer, 404, { message: 'The route api/v1/core/customers/ could not be found.' });
      }
    },
  },
];
