/**
 * A fifth round of Pelcro drift, from a probe of forty-odd deployments drifting where no earlier
 * round looked (compressed, chunked and throttled answers, proxies' HTML pages mid-run, values in
 * other shapes, pagination meta of empty pages). Those the suite let through are here, with the
 * check that now fails on each (docs/contracts.md).
 */
import type { Drift } from '../harness';
import { customers } from './pelcro';

const isRetrieve = (request: Request) => request.method === 'GET' && /\/core\/customers\/\d+$/.test(new URL(request.url).pathname);

export const pelcroFifthDrifts: Drift[] = [
  {
    // Pelcro documents `language` as a two-letter ISO 639-1 code.
    name: 'language as a name ("english") instead of an ISO 639-1 code',
    response: customers((c) => {
      if (c.language === 'en') c.language = 'english';
    }),
  },
  {
    // Throttled for good: waiting as Retry-After asks does not help, so the 429 is reported.
    name: 'a retrieve throttled for good (429 with Retry-After: 0 every time)',
    response: (answer, request) => {
      if (!isRetrieve(request)) return;
      answer.status = 429;
      answer.json = { message: 'Too Many Attempts.' };
      answer.headers = new Headers({ 'content-type': 'application/json', 'retry-after': '0' });
    },
  },
  {
    // Only the customer list's meta was held to LengthAwarePaginator's arithmetic.
    name: 'the addresses list `meta.total` one more than its items',
    response: (answer, request) => {
      const url = new URL(request.url);
      const meta = (answer.json as { meta?: { total: number } } | undefined)?.meta;
      if (request.method === 'GET' && url.pathname.endsWith('/core/addresses') && answer.status === 200 && meta) meta.total += 1;
    },
  },
  {
    // A frontend lists a customer's payment methods from here; the suite never read it.
    name: "the Open API's payment methods list missing the one just added",
    response: (answer, request) => {
      const url = new URL(request.url);
      const data = (answer.json as { data?: unknown[] } | undefined)?.data;
      if (request.method === 'GET' && url.pathname.endsWith('/sdk/payment_methods') && Array.isArray(data)) data.pop();
    },
  },
];
