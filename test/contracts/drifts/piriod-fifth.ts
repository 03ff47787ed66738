/**
 * A fifth round of Piriod drift, from a probe of forty-odd deployments drifting where no earlier
 * round looked (compressed, chunked and throttled answers, proxies' HTML pages mid-run, values
 * in other shapes, writes that merge or null what they should not). Those the suite let through
 * are here, with the check that now fails on each (docs/contracts.md).
 */
import { everywhere, withUrl, type Answer, type Drift } from '../harness';

const customerPathOf = (url: URL) => /^\/customers\/(cus_[^/]+)\/$/.exec(url.pathname)?.[1];

const isContact = (o: Record<string, unknown>) => typeof o.id === 'string' && o.id.startsWith('con_');

/** `updated` of each contact as created, kept through later writes. */
const contactUpdated = new Map<string, unknown>();

/** Metadata each customer had before a PUT, so the PUT can merge into it. */
const storedMetadata = new Map<string, unknown>();

export const piriodFifthDrifts: Drift[] = [
  {
    // DRF's JSONField is written whole; a serializer that merges the stored dict keeps old keys.
    name: 'PUT merges metadata into the stored one instead of replacing it',
    response: (answer: Answer, request: Request) => {
      const id = customerPathOf(new URL(request.url)) ?? (request.method === 'POST' ? (answer.json as { id?: string })?.id : undefined);
      const record = answer.json as Record<string, unknown> | undefined;
      if (!id || !record || typeof record.metadata !== 'object' || answer.status >= 300) return;
      if (request.method === 'PUT') record.metadata = { ...(storedMetadata.get(id) as object), ...(record.metadata as object) };
      else if (request.method === 'GET' && storedMetadata.has(id)) record.metadata = storedMetadata.get(id);
      storedMetadata.set(id, record.metadata);
    },
  },
  {
    // Throttled for good: waiting as Retry-After asks does not help, so the 429 is reported.
    name: 'a retrieve throttled for good (429 with Retry-After: 0 every time)',
    response: (answer, request) => {
      if (request.method !== 'GET' || !customerPathOf(new URL(request.url))) return;
      answer.status = 429;
      answer.json = { detail: 'Request was throttled. Expected available in 0 seconds.' };
      answer.headers = new Headers({ 'content-type': 'application/json', 'retry-after': '0' });
    },
  },
  {
    // Only the customer list's pages were held to DRF's page arithmetic.
    name: 'the sources list `next` pointing to a page 2 that cannot exist',
    response: (answer, request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/sources/' && answer.status === 200) {
        (answer.json as { next: string | null }).next = `${url.origin}/sources/?page=2`;
      }
    },
  },
  {
    // auto_now on the contact model dropped: a PATCH leaves `updated` where the create put it.
    name: 'a contact PATCH that does not move `updated`',
    response: (answer, request) =>
      everywhere(answer.json, isContact, (o) => {
        const id = o.id as string;
        if (request.method === 'POST') contactUpdated.set(id, o.updated);
        else if (contactUpdated.has(id)) o.updated = contactUpdated.get(id);
      }),
  },
  {
    // A FilterSet field declared without its form validation: the value is dropped, not refused.
    name: 'an invalid `created__gte` ignored (200 with every customer, not 400)',
    request: (request, url) => {
      const value = url.searchParams.get('created__gte');
      if (value === null || !Number.isNaN(Date.parse(value))) return request;
      const changed = new URL(url);
      changed.searchParams.delete('created__gte');
      return withUrl(request, changed);
    },
  },
];
