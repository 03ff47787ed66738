/**
 * A customer as the API renders it, and response bodies as DRF's JSONRenderer writes them:
 * compact separators, non-ASCII kept as is, U+2028/U+2029 escaped, and no text at all for a body
 * holding a lone surrogate, which UTF-8 cannot encode (rest_framework/renderers.py JSONRenderer.render).
 *
 * A record's view is built on first read and kept with its JSON: records are immutable (a write
 * makes a new one), so neither goes stale. Building views lazily keeps seeding cheap: a page of
 * twenty renders twenty customers, not the whole book.
 *
 * Views are not parsed by the Customer schema as they are served: that parse was the dearest step
 * of a create or an update, for a view built by this file's code from validated input. The schema
 * checks the code instead: every seeded record of large scenarios (test/piriod/seed.test.ts), and
 * every answer of the contract suites run against the mock (test/contracts).
 */
import { Customer, LISTED_SOURCE_STATUSES } from '../../../../contracts/piriod/schemas';
import { COUNTRIES } from '../../../../contracts/piriod/reference';
import { stateView } from '../../../../contracts/piriod/state';
import { writeJson, writesLoneSurrogate } from '../../../../lib/ordered-json';
import { hasPyOnlyNumbers, pyJsonNumbers } from '../../../../lib/python/python';
import { renderInstant } from '../../../../lib/python/time';
import { seededTextCache } from '../../../core/seeded-texts';
import { UncaughtException } from '../errors';
import type { CustomerRecord, StoredContact, StoredSource } from './store';

const views = new WeakMap<CustomerRecord, Customer>();

export function toJson(value: unknown, pythonNumbers = false): string {
  // writeJson keeps a dict's keys in the order sent (Python's), where JSON.stringify moves "2" first.
  const text = writeJson(value, pythonNumbers ? pyJsonNumbers : undefined);
  // JSONRenderer.render dumps with ensure_ascii=False, so a lone surrogate stays one, and then
  // `ret.encode()` (UTF-8) raises UnicodeEncodeError: Django's 500 page, whatever the status was.
  if (writesLoneSurrogate(text)) throw new UncaughtException('UnicodeEncodeError: surrogates not allowed');
  return text.includes('\u2028') || text.includes('\u2029') ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : text;
}

/** A contact as the API renders it (alone, and in its customer's `contacts`). */
export function contactView(c: StoredContact) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    customer: c.customer,
    orgunit: c.orgunit,
    invoicing: c.invoicing,
    collections: c.collections,
    created: renderInstant(c.created),
    updated: renderInstant(c.updated),
  };
}

/** A source as the API renders it (alone, and in its customer's `sources`). */
export function sourceView(s: StoredSource) {
  return {
    id: s.id,
    customer: s.customer,
    gateway: s.gateway,
    status: s.status,
    usage: s.usage,
    created: renderInstant(s.created),
    updated: renderInstant(s.updated),
  };
}

/** The sources a customer's `sources` field shows: the reusable ones that are chargeable or pending (the newest reference). */
export function listedSource(s: StoredSource): boolean {
  return s.usage === 'reusable' && LISTED_SOURCE_STATUSES.has(s.status);
}

/**
 * A customer's fields in the API's order, in three parts around `contacts` and `sources`: a
 * written record's text is written part by part around the kept texts of those two lists
 * (writtenJson). No part has a field that may be undefined, so the parts' texts join into the
 * whole view's (buildView).
 */
function headOf(record: CustomerRecord) {
  return { id: record.id, address: record.attrs.address, aggregations: record.related.aggregations };
}

function middleOf({ attrs }: CustomerRecord) {
  return {
    country: attrs.country ? (COUNTRIES.get(attrs.country) ?? null) : null,
    currency: attrs.currency,
    email: attrs.email,
    manager: attrs.manager,
    metadata: attrs.metadata,
    name: attrs.name,
    phone: attrs.phone,
    reference: attrs.reference,
    send_collections: attrs.send_collections,
    send_invoices: attrs.send_invoices,
    send_vouchers: attrs.send_vouchers,
  };
}

function tailOf(record: CustomerRecord) {
  const { attrs } = record;
  return {
    state: stateView(attrs.state),
    status: attrs.status as Customer['status'],
    tax_id: attrs.tax_id,
    tax_settings: attrs.tax_settings,
    test_mode: record.related.testMode,
    website: attrs.website,
    zip_code: attrs.zip_code,
    created: renderInstant(record.created),
    updated: renderInstant(record.updated),
  };
}

const contactsOf = (contacts: readonly StoredContact[]) => contacts.map(contactView);
const sourcesOf = (sources: readonly StoredSource[]) => sources.filter(listedSource).map(sourceView);

/**
 * The whole view in one literal: the fields of headOf, contacts, middleOf, sources and tailOf, in
 * that order. Built from those parts, a seeded record's rendering took 1 µs more (12.0 → 13.1 µs);
 * render.test.ts checks that the two give the same text.
 */
function buildView(record: CustomerRecord): Customer {
  const { attrs, related } = record;
  return {
    id: record.id,
    address: attrs.address,
    aggregations: related.aggregations,
    contacts: contactsOf(related.contacts),
    country: attrs.country ? (COUNTRIES.get(attrs.country) ?? null) : null,
    currency: attrs.currency,
    email: attrs.email,
    manager: attrs.manager,
    metadata: attrs.metadata,
    name: attrs.name,
    phone: attrs.phone,
    reference: attrs.reference,
    send_collections: attrs.send_collections,
    send_invoices: attrs.send_invoices,
    send_vouchers: attrs.send_vouchers,
    sources: sourcesOf(related.sources),
    state: stateView(attrs.state),
    status: attrs.status as Customer['status'],
    tax_id: attrs.tax_id,
    tax_settings: attrs.tax_settings,
    test_mode: related.testMode,
    website: attrs.website,
    zip_code: attrs.zip_code,
    created: renderInstant(record.created),
    updated: renderInstant(record.updated),
  };
}

/** The response body for a customer, checked by the Customer schema (for tests: a mismatch is a bug of the mock). */
export function checkedView(record: CustomerRecord): Customer {
  const built = buildView(record);
  const checked = Customer.safeParse(built);
  if (!checked.success) {
    throw new Error(`Piriod customer ${record.id} does not match the Customer schema: ${checked.error.message}`);
  }
  return built;
}

/**
 * The response body for a customer, built once, then kept; a seeded record that rebuilds its
 * parts is built each time, and not kept (its text is).
 */
export function customerView(record: CustomerRecord): Customer {
  if (record.rebuilt) return buildView(record);
  let view = views.get(record);
  if (!view) {
    view = Object.freeze(buildView(record));
    views.set(record, view);
  }
  return view;
}

/** Texts of seeded records, bounded (../../../core/seeded-texts.ts). */
const seededTexts = seededTextCache<CustomerRecord>();

export function recordJson(record: CustomerRecord): string {
  if (record.rebuilt) {
    let text = seededTexts.get(record);
    if (text === undefined) {
      text = toJson(customerView(record));
      seededTexts.offer(record, text);
    }
    return text;
  }
  record.rendered ??= writtenJson(record);
  return record.rendered;
}

/**
 * The texts of a customer's contacts and of its listed sources, kept per list: the lists never
 * change (a write makes new ones), and a write to the customer's own fields keeps them, so an
 * update writes only those fields again.
 */
const relatedTexts = new WeakMap<readonly object[], string>();

function relatedText<T extends object>(list: readonly T[], render: (list: readonly T[]) => unknown): string {
  let text = relatedTexts.get(list);
  if (text === undefined) {
    text = toJson(render(list));
    relatedTexts.set(list, text);
  }
  return text;
}

/** A written record's text: its parts' texts joined around the kept texts of its two lists. */
function writtenJson(record: CustomerRecord): string {
  const { attrs, related } = record;
  // Numbers a client sent in its dicts are written as Python writes them (`1.0` stays `1.0`).
  const py = hasPyOnlyNumbers(attrs.metadata) || hasPyOnlyNumbers(attrs.tax_settings);
  const head = toJson(headOf(record), py);
  const middle = toJson(middleOf(record), py);
  const tail = toJson(tailOf(record), py);
  return `${head.slice(0, -1)},"contacts":${relatedText(related.contacts, contactsOf)},${middle.slice(1, -1)},"sources":${relatedText(related.sources, sourcesOf)},${tail.slice(1)}`;
}
