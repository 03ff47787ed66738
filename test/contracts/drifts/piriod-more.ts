/**
 * A second round of ways a Piriod deployment could drift: shapes and relations that point at the
 * wrong record, DRF behaviours a rewrite forgets (headers, lenient parameters, read-only fields,
 * PUT's required fields), routing, and transport faults. Written after the first suite, as drift it
 * had not seen (lists and filters are in ./piriod-lists); docs/contracts.md marks what it missed.
 */
import { FILTER_NAMES } from '../../../contracts/piriod/schemas';
import { everywhere, type Drift } from '../harness';
import { createIgnoring, redirectTo, undeclaredField } from './kit';
import { customers } from './piriod';
import {
  hangsOn,
  htmlErrorPages,
  jsonAsTextPlain,
  jsonBodyOf,
  latin1Bodies,
  noAllowOn405,
  resetOn,
  serverErrorOn,
  truncatedOn,
  unauthenticatedAs403,
} from './transport';

const isRetrieve = (r: Request) => r.method === 'GET' && /^\/customers\/[^/]+\/$/.test(new URL(r.url).pathname);
const isPatch = (r: Request) => r.method === 'PATCH';
const isWrite = (r: Request) => r.method === 'PATCH' || r.method === 'PUT';

const OTHER_CUSTOMER = 'cus_SomeoneElse000000000';
const KNOWN_PARAMS = new Set(['page', 'page_size', 'ordering', 'search', ...FILTER_NAMES]);

/** DRF's messages in Spanish, as a localized deployment (LANGUAGE_CODE = 'es') would answer. */
const SPANISH: [string, string][] = [
  ['This field is required.', 'Este campo es requerido.'],
  ['This field may not be blank.', 'Este campo no puede estar en blanco.'],
  ['This field may not be null.', 'Este campo no puede ser nulo.'],
  ['Enter a valid email address.', 'Introduzca una dirección de correo electrónico válida.'],
  ['Invalid page.', 'Página inválida.'],
  ['Authentication credentials were not provided.', 'Las credenciales de autenticación no se proveyeron.'],
  ['Invalid token.', 'Token inválido.'],
];

/** Records whose id carries `prefix` (Piriod's ids name their kind: `sou_`, `con_` …). */
const idPrefixed = (prefix: string) => (o: Record<string, unknown>) => typeof o.id === 'string' && o.id.startsWith(prefix);

export const piriodMoreDrifts: Drift[] = [
  // ---- shapes ----
  undeclaredField(customers),
  {
    name: 'an enum value outside the enum (sources[].status "refunded")',
    response: (answer) =>
      everywhere(answer.json, idPrefixed('sou_'), (o) => {
        o.status = 'refunded';
      }),
  },
  {
    name: 'ids in another format (contact ids as integers)',
    response: (answer) =>
      everywhere(answer.json, idPrefixed('con_'), (o) => {
        o.id = 1000 + (o.id as string).length;
      }),
  },
  {
    name: 'a nested field dropped (country.name)',
    response: (answer) =>
      everywhere(
        answer.json,
        (o) => 'has_regulation' in o,
        (o) => {
          delete o.name;
        },
      ),
  },
  {
    name: 'a nested field dropped (contacts[].email)',
    response: (answer) =>
      everywhere(answer.json, idPrefixed('con_'), (o) => {
        delete o.email;
      }),
  },
  {
    // Consistent in every answer, so only the relation itself gives it away.
    name: 'contacts[].customer naming another customer',
    response: (answer) =>
      everywhere(answer.json, idPrefixed('con_'), (o) => {
        o.customer = OTHER_CUSTOMER;
      }),
  },

  // ---- errors ----
  unauthenticatedAs403('401 answered as 403'),
  { name: '401 without WWW-Authenticate', response: (answer) => void (answer.status === 401 && answer.headers.delete('www-authenticate')) },
  noAllowOn405('405 without Allow'),
  {
    name: 'an unknown id answered 200 with an empty object',
    response: (answer) => {
      if (answer.status === 404 && JSON.stringify(answer.json).includes('No Customer')) {
        answer.status = 200;
        answer.json = {};
      }
    },
  },
  {
    name: 'a validation error listing only the first failing field',
    response: (answer) => {
      const body = answer.json as Record<string, unknown> | undefined;
      if (answer.status === 400 && body && !('detail' in body)) {
        const [first] = Object.keys(body);
        answer.json = { [first]: body[first] };
      }
    },
  },
  {
    name: 'error messages in another language',
    response: (answer) => {
      if (answer.status < 400 || answer.json === undefined) return;
      let text = JSON.stringify(answer.json);
      for (const [en, es] of SPANISH) text = text.replaceAll(en, es);
      answer.json = JSON.parse(text);
    },
  },
  htmlErrorPages(
    'HTML error pages (404)',
    404,
    '<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>',
  ),
  jsonAsTextPlain('JSON labelled text/plain'),
  latin1Bodies('bodies in Latin-1 (charset=iso-8859-1)'),
  {
    name: 'unknown query parameters refused (400)',
    response: (answer, request) => {
      const url = new URL(request.url);
      const unknown = [...url.searchParams.keys()].filter((k) => !KNOWN_PARAMS.has(k));
      if (request.method === 'GET' && url.pathname === '/customers/' && answer.status === 200 && unknown.length > 0) {
        answer.status = 400;
        answer.json = Object.fromEntries(unknown.map((k) => [k, ['Unknown filter.']]));
      }
    },
  },
  {
    name: 'an invalid page_size refused (400)',
    response: (answer, request) => {
      const size = new URL(request.url).searchParams.get('page_size');
      if (answer.status === 200 && size !== null && !/^\d+$/.test(size)) {
        answer.status = 400;
        answer.json = { page_size: ['A valid integer is required.'] };
      }
    },
  },
  {
    name: 'an unknown ordering field refused (400)',
    response: (answer, request) => {
      const ordering = new URL(request.url).searchParams.get('ordering');
      if (answer.status === 200 && ordering && !/^-?(name|created|updated)$/.test(ordering)) {
        answer.status = 400;
        answer.json = { ordering: [`"${ordering}" is not a valid choice.`] };
      }
    },
  },
  {
    name: 'unknown body fields refused (400)',
    response: async (answer, request) => {
      if (request.method === 'GET') return;
      const body = await jsonBodyOf(request);
      const known = ['address', 'country', 'currency', 'email', 'metadata', 'name', 'phone', 'state', 'tax_id', 'tax_settings', 'website'];
      const unknown = Object.keys(body ?? {}).filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        const errors = answer.status === 400 && !('detail' in (answer.json as object)) ? (answer.json as object) : {};
        answer.status = 400;
        answer.json = { ...errors, ...Object.fromEntries(unknown.map((k) => [k, ['Unknown field.']])) };
      }
    },
  },

  // ---- routing ----
  {
    name: 'a trailing-slash redirect that drops the query',
    response: (answer) => {
      const location = answer.headers.get('location');
      if (answer.status === 301 && location) answer.headers.set('location', location.split('?')[0]);
    },
  },
  {
    name: 'the documented paths redirected to paths without the slash',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/')) return;
      redirectTo(answer, `${url.pathname.slice(0, -1)}${url.search}`, 'text/html; charset=utf-8');
    },
  },

  // ---- writes ----
  {
    name: 'a create that ignores a field (website)',
    request: createIgnoring('website'),
  },
  {
    name: 'PUT behaving as PATCH (name not required)',
    request: async (request, url) =>
      request.method === 'PUT' ? new Request(url, { method: 'PATCH', headers: request.headers, body: await request.text() }) : request,
  },
  {
    name: 'a read-only field written (created, on PATCH)',
    response: async (answer, request) => {
      if (!isPatch(request) || answer.status !== 200) return;
      const sent = (await jsonBodyOf(request))?.created;
      if (typeof sent === 'string') (answer.json as Record<string, unknown>).created = sent;
    },
  },
  {
    name: '`updated` going backwards on an update',
    response: customers((c) => {
      c.updated = '2019-01-01T00:00:00-03:00';
    }, isWrite),
  },
  {
    name: '`created` changing on an update',
    response: customers((c) => {
      c.created = c.updated;
    }, isWrite),
  },

  // ---- transport ----
  hangsOn('a retrieve that hangs past --timeout', isRetrieve),
  resetOn('a connection reset on retrieve', isRetrieve),
  serverErrorOn('a 500 on PATCH (an HTML page)', isPatch),
  truncatedOn('a list body cut short', (r) => r.method === 'GET' && new URL(r.url).searchParams.has('ordering')),
];
