/**
 * A stored customer: its attributes, what it owns, its instants and insertion order. The exact
 * object the API renders is built on first read, checked by the Customer schema, and kept: records
 * are immutable (a write makes a new one), so it never goes stale. Building views lazily keeps
 * seeding cheap: a page of twenty renders twenty customers, not the whole book.
 */
import { Customer, type Aggregations, type Contact, type CustomerAttrs, type Source } from '../../../../contracts/piriod/schemas';
import { COUNTRIES, REGULATED_COUNTRIES, TAX_ID_RULES, defaultCurrency, findState, stateById } from '../../../../contracts/piriod/reference';
import { renderInstant } from '../../../../lib/python/time';

/** Every writable attribute of a stored customer. */
export interface StoredAttrs {
  address: string | null;
  country: string | null;
  currency: string;
  email: string | null;
  metadata: Record<string, unknown>;
  name: string;
  phone: string | null;
  /** A state id (`CLRM`). */
  state: string | null;
  tax_id: string | null;
  tax_settings: Record<string, unknown> | null;
  website: string | null;
}

/** A contact or source with its instants in µs (rendered with the customer). */
export type StoredContact = Omit<Contact, 'created' | 'updated'> & { created: number; updated: number };
export type StoredSource = Omit<Source, 'created' | 'updated'> & { created: number; updated: number };

/** What a customer owns besides its attributes; kept across updates. */
export interface Related {
  aggregations: Aggregations;
  contacts: readonly StoredContact[];
  sources: readonly StoredSource[];
}

export class CustomerRecord {
  private rendered?: Customer;

  constructor(
    readonly id: string,
    readonly attrs: Readonly<StoredAttrs>,
    readonly related: Readonly<Related>,
    /** Creation and last-update instants, µs since the epoch. */
    readonly created: number,
    readonly updated: number,
    /** Insertion order: ties in sorting keep it, as a heap scan in a database usually would. */
    readonly seq: number,
  ) {
    Object.freeze(this.attrs);
    this.countryName = attrs.country ? (COUNTRIES.get(attrs.country)?.name ?? null) : null;
  }

  /** The response body for this customer, built once and checked by the Customer schema. */
  get view(): Customer {
    if (!this.rendered) {
      const view = buildView(this);
      const checked = Customer.safeParse(view);
      if (!checked.success) {
        throw new Error(`Piriod customer ${this.id} does not match the Customer schema: ${checked.error.message}`);
      }
      this.rendered = Object.freeze(view);
    }
    return this.rendered;
  }

  /** The name of the customer's country (what `country__name` filters on). */
  readonly countryName: string | null;
}

function buildView(record: CustomerRecord): Customer {
  const { attrs, related } = record;
  return {
    id: record.id,
    address: attrs.address,
    aggregations: related.aggregations,
    contacts: related.contacts.map((c) => ({ ...c, created: renderInstant(c.created), updated: renderInstant(c.updated) })),
    country: attrs.country ? (COUNTRIES.get(attrs.country) ?? null) : null,
    currency: attrs.currency,
    email: attrs.email,
    metadata: attrs.metadata,
    name: attrs.name,
    phone: attrs.phone,
    sources: related.sources.map((s) => ({ ...s, created: renderInstant(s.created), updated: renderInstant(s.updated) })),
    state: attrs.state ? (stateById(attrs.state) ?? null) : null,
    tax_id: attrs.tax_id,
    tax_settings: attrs.tax_settings,
    website: attrs.website,
    created: renderInstant(record.created),
    updated: renderInstant(record.updated),
  };
}

/**
 * The attributes after a validated write: `current` (undefined on create) overlaid with what was
 * sent (ModelSerializer sets only validated fields). On create the currency defaults from the
 * country; a state is stored by its id; a regulated country's tax id in its display form.
 */
export function applyWrite(current: Readonly<StoredAttrs> | undefined, sent: CustomerAttrs): StoredAttrs {
  const next: StoredAttrs = {
    ...(current ?? {
      address: null,
      country: null,
      currency: '',
      email: null,
      metadata: {},
      name: '',
      phone: null,
      state: null,
      tax_id: null,
      tax_settings: {},
      website: null,
    }),
  };
  for (const [key, value] of Object.entries(sent)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (!current && sent.currency === undefined) next.currency = defaultCurrency(next.country);
  // A blank state is no state (the column is a relation).
  next.state = next.state && next.country ? (findState(next.country, next.state)?.id ?? next.state) : null;
  if (next.tax_id && next.country && REGULATED_COUNTRIES.has(next.country)) {
    next.tax_id = TAX_ID_RULES.get(next.country)!.normalize(next.tax_id);
  }
  return next;
}

export const EMPTY_RELATED: Readonly<Related> = Object.freeze({
  aggregations: Object.freeze({ balance: 0, sales: 0, sales_current_period: 0 }),
  contacts: Object.freeze([]),
  sources: Object.freeze([]),
});
