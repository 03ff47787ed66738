/**
 * Where customers live. The seeded records form one SeededCustomers per app, shared read-only by
 * every sandbox through a BaseTable; a sandbox's CustomerStore keeps only its own writes (a
 * copy-on-write Table), so opening one costs nothing in proportion to the seeded data.
 *
 * `query(plan)` answers the list: the plan is plain data (conditions, order, page) read from the
 * query string; how it is answered (pre-sorted seeded records merged with the sandbox's own) is
 * the store's business, and where indexes will go.
 */
import { Recent } from '../../../core/recent';
import type { Quota } from '../../../core/limits';
import { ValueColumn } from '../../../core/value-column';
import { type Candidates, type IndexedQuery, SeededIndex, STEP, select, soonAfterSeed } from '../../../core/seeded-index';
import { runInSlices } from '../../../core/slices';
import { andMarks, scratchMarks } from '../../../core/marks';
import { ColumnBudget, PathColumns, TextColumns } from '../../../core/text-column';
import { BaseTable, Table } from '../../../core/table';
import { randomId, type SeededRng } from '../../../core/random';
import {
  type Condition,
  type OrderField,
  type OrderTerm,
  metadataAt,
  metadataMatches,
  metadataText,
} from '../../../../contracts/piriod/list-query';
import { COUNTRIES, REGULATED_COUNTRIES, TAX_ID_RULES, defaultCurrency } from '../../../../contracts/piriod/reference';
import type { Aggregations, Contact, CustomerAttrs, Source, StoredAttrs } from '../../../../contracts/piriod/schemas';
import { storedState } from '../../../../contracts/piriod/state';
import { warmOffsetSteps } from '../../../../lib/python/time';
import { holdsLoneSurrogate, holdsNonFiniteNumber, holdsNullCharacter } from '../../../../lib/ordered-json';
import { pgUpper } from '../../../../lib/postgres/upper';
import { UncaughtException } from '../errors';
import { recordJson } from './render';
import { firstReached } from '../../../core/search';
import { pgCollate } from '../../../../lib/postgres/collate';

// --- Records ----------------------------------------------------------------------------------

export type { StoredAttrs };

/** A contact or source with its instants in µs (rendered with the customer). */
export type StoredContact = Omit<Contact, 'created' | 'updated'> & { created: number; updated: number };
export type StoredSource = Omit<Source, 'created' | 'updated'> & { created: number; updated: number };

/** What a customer owns besides its attributes; kept across updates. */
export interface Related {
  aggregations: Aggregations;
  /** Its contacts, in creation order: a copy of what the sandbox's ContactStore holds for it. */
  contacts: readonly StoredContact[];
  /** Every payment source it has (the `sources` field shows the reusable chargeable or pending ones). */
  sources: readonly StoredSource[];
  /** Created in test mode (`X-Piriod-Test-Mode: true`): the read-only `test_mode`. */
  testMode: boolean;
}

/** A customer's attributes and what it owns: what a seeded record rebuilds on demand. */
export interface CustomerParts {
  attrs: StoredAttrs;
  related: Related;
}

/**
 * The fields lists filter and sort on, which every record keeps at hand: a filter that read a
 * seeded record's other attributes would rebuild all 100,000 of them for a new plan.
 */
export interface Summary {
  name: string;
  email: string | null;
  tax_id: string | null;
  country: string | null;
  status: StoredAttrs['status'];
  metadata: StoredAttrs['metadata'];
}

/**
 * The last rebuilt seeded parts: a page or a retrieve reads a few records at a time, and each
 * record's rendered text is kept by the renderer, so this only spares rebuilding twice in a row
 * (its view reads a record's attributes, then its relations). Arrays, not a map: see ../../../core/recent.ts.
 */
const keptParts = new Recent<CustomerRecord, CustomerParts>(8);

/**
 * A stored customer: its attributes, what it owns, its instants and insertion order. Records are
 * immutable (a write makes a new one), so what is derived from one never goes stale.
 *
 * A seeded record may hold only its summary and a way to rebuild the rest (`CustomerRecord.lazy`):
 * the seed is deterministic, so the rebuilt parts are the same bytes every time, and a book of
 * 100,000 customers keeps only what lists filter and sort on in memory.
 */
export class CustomerRecord {
  /** The name of the customer's country (what `country__name` filters on). */
  readonly countryName: string | null;
  /** The summary: a written record's attributes themselves (so their size is counted once). */
  private readonly summary: Summary;
  private readonly parts: CustomerParts | ((record: CustomerRecord) => CustomerParts);
  /**
   * A written record's JSON text, once rendered (../customers/render.ts): the record never changes,
   * so neither does its text. Kept here rather than in a WeakMap: one per write, every write.
   */
  rendered: string | undefined = undefined;
  /**
   * Its texts folded as PostgreSQL's upper() folds them, for icontains and search, once a list has
   * asked (`folded`). A field, not a WeakMap: a search over 100,000 seeded customers looked each up there.
   */
  folded: Folded | undefined = undefined;

  constructor(
    readonly id: string,
    attrs: Readonly<StoredAttrs> | Summary,
    related: Readonly<Related> | ((record: CustomerRecord) => CustomerParts),
    /** Creation and last-update instants, µs since the epoch. */
    readonly created: number,
    readonly updated: number,
    /** Insertion order: ties in sorting keep it, as a heap scan in a database usually would. */
    readonly seq: number,
  ) {
    this.summary = attrs;
    this.countryName = attrs.country ? (COUNTRIES.get(attrs.country)?.name ?? null) : null;
    if (typeof related === 'function') this.parts = related;
    else {
      Object.freeze(attrs);
      this.parts = { attrs: attrs as StoredAttrs, related };
    }
  }

  /** A seeded record holding its summary; the rest is rebuilt by `rebuild` when read. */
  static lazy(
    id: string,
    summary: Summary,
    rebuild: (record: CustomerRecord) => CustomerParts,
    created: number,
    updated: number,
    seq: number,
  ) {
    return new CustomerRecord(id, summary, rebuild, created, updated, seq);
  }

  get name(): string {
    return this.summary.name;
  }

  get email(): string | null {
    return this.summary.email;
  }

  get tax_id(): string | null {
    return this.summary.tax_id;
  }

  get country(): string | null {
    return this.summary.country;
  }

  get status(): StoredAttrs['status'] {
    return this.summary.status;
  }

  get metadata(): StoredAttrs['metadata'] {
    return this.summary.metadata;
  }

  /** Whether the record rebuilds its parts when read (a seeded one). */
  get rebuilt(): boolean {
    return typeof this.parts === 'function';
  }

  private read(): CustomerParts {
    const { parts } = this;
    if (typeof parts !== 'function') return parts;
    let kept = keptParts.get(this);
    if (kept) return kept;
    kept = parts(this);
    Object.freeze(kept.attrs);
    keptParts.set(this, kept);
    return kept;
  }

  get attrs(): Readonly<StoredAttrs> {
    return this.read().attrs;
  }

  get related(): Readonly<Related> {
    return this.read().related;
  }
}

/** A new customer's attributes before what was sent: the model's defaults (send_* true: a **guess**). */
const NEW_ATTRS: Readonly<StoredAttrs> = {
  address: null,
  country: null,
  currency: '',
  email: null,
  manager: null,
  metadata: {},
  name: '',
  phone: null,
  reference: null,
  send_collections: true,
  send_invoices: true,
  send_vouchers: true,
  state: null,
  status: 'active',
  tax_id: null,
  tax_settings: {},
  website: null,
  zip_code: null,
};

/**
 * The attributes after a validated write: `current` (undefined on create) overlaid with what was
 * sent (ModelSerializer sets only validated fields). On create the currency defaults from the
 * country; a state is stored by its id; a regulated country's tax id in its display form.
 */
export function applyWrite(current: Readonly<StoredAttrs> | undefined, sent: CustomerAttrs): StoredAttrs {
  // Object.assign, not a spread: V8 (node 20) spreads a large object into a literal slowly, some
  // 10 µs a write against 1.7 µs (see renderedAnswer's headers).
  const next: StoredAttrs = Object.assign({}, current ?? NEW_ATTRS, sent);
  if (!current && sent.currency === undefined) next.currency = defaultCurrency(next.country);
  // A blank state is no state (the column is a relation).
  next.state = storedState(next.country, next.state);
  if (next.tax_id && next.country && REGULATED_COUNTRIES.has(next.country)) {
    next.tax_id = TAX_ID_RULES.get(next.country)!.normalize(next.tax_id);
  }
  return next;
}

/**
 * Refuses a write Piriod's database would not keep, before anything of it is kept (Django's 500
 * page, an UncaughtException). Text fields never hold a lone surrogate (DRF's
 * ProhibitSurrogateCharactersValidator) and a choice cannot, but a DictField keeps what it was
 * given, and `metadata` and `tax_settings` are JSON columns: Django's JSONField sends them as
 * `json.dumps` text, which the database's JSON parser refuses in two cases. A lone surrogate is a
 * `\udXXX` escape (ensure_ascii), refused unless it is half of a pair ("Unicode low surrogate must
 * follow a high surrogate"); reasoned from the framework and PostgreSQL, not observed. A number
 * past the double range (`1e400`, a float infinity to Python) is written `Infinity`, no JSON at all
 * ("Token "Infinity" is invalid"); seen side by side with DRF 3.15.1, whose SQLite column's
 * JSON_VALID check refuses it alike: the HTML 500, the customer unchanged. A null character, in a
 * value or a key, is the escape `\u0000`, which jsonb (the JSONField's PostgreSQL type) refuses:
 * "unsupported Unicode escape sequence" (PostgreSQL's json types docs; SQLite keeps it).
 */
export function refuseUnstorable(sent: Pick<CustomerAttrs, 'metadata' | 'tax_settings'>): void {
  if (holdsLoneSurrogate(sent.metadata) || holdsLoneSurrogate(sent.tax_settings)) {
    throw new UncaughtException('DataError: invalid input syntax for type json');
  }
  if (holdsNonFiniteNumber(sent.metadata) || holdsNonFiniteNumber(sent.tax_settings)) {
    throw new UncaughtException('DataError: invalid input syntax for type json (Infinity)');
  }
  if (holdsNullCharacter(sent.metadata) || holdsNullCharacter(sent.tax_settings)) {
    throw new UncaughtException('DataError: unsupported Unicode escape sequence');
  }
}

export const EMPTY_RELATED: Readonly<Related> = Object.freeze({
  aggregations: Object.freeze({ balance: 0, sales: 0, sales_current_period: 0 }),
  contacts: Object.freeze([]),
  sources: Object.freeze([]),
  testMode: false,
});

// --- Order ------------------------------------------------------------------------------------

type Compare = (a: CustomerRecord, b: CustomerRecord) => number;

/** Ascending comparison by one field alone. */
const byField: Record<OrderField, Compare> = {
  // Postgres sorts text by its collation, then by its bytes (lib/postgres/collate.ts).
  name: (a, b) => pgCollate(a.name, b.name),
  created: (a, b) => a.created - b.created,
  updated: (a, b) => a.updated - b.updated,
};

/** Ascending comparators; ties keep insertion order. */
const ascending: Record<OrderField, Compare> = {
  name: (a, b) => byField.name(a, b) || a.seq - b.seq,
  created: (a, b) => byField.created(a, b) || a.seq - b.seq,
  updated: (a, b) => byField.updated(a, b) || a.seq - b.seq,
};

// --- Conditions -------------------------------------------------------------------------------

type Predicate = (record: CustomerRecord) => boolean;
type TextField = 'name' | 'email' | 'tax_id' | 'country__name';

export interface Folded {
  name: string;
  email: string | null;
  tax_id: string | null;
  country__name: string | null;
}

/**
 * A record's texts for icontains and search, computed once per record: upper-cased as PostgreSQL
 * does it, since Django compares `UPPER(col) LIKE UPPER(needle)` there (lib/postgres/upper.ts).
 */
function folded(record: CustomerRecord): Folded {
  let l = record.folded;
  if (!l) {
    l = {
      name: pgUpper(record.name),
      email: record.email === null ? null : pgUpper(record.email),
      tax_id: record.tax_id === null ? null : pgUpper(record.tax_id),
      country__name: record.countryName === null ? null : pgUpper(record.countryName),
    };
    record.folded = l;
  }
  return l;
}

function textOf(record: CustomerRecord, field: TextField): string | null {
  return field === 'country__name' ? record.countryName : record[field];
}

/** A seeded source's owner, by the source's id (undefined: no seeded source has it). */
export type SourceOwner = (sourceId: string) => string | undefined;

function predicate(condition: Condition, sourceOwner: SourceOwner): Predicate {
  switch (condition.kind) {
    case 'country': {
      const codes = new Set(condition.codes);
      return (r) => r.country !== null && codes.has(r.country);
    }
    case 'text_in': {
      const { field } = condition;
      const values = new Set(condition.values);
      return (r) => {
        const text = textOf(r, field);
        return text !== null && values.has(text);
      };
    }
    case 'text': {
      const { field, value } = condition;
      if (condition.lookup === 'contains') return (r) => textOf(r, field)?.includes(value) ?? false;
      if (condition.lookup === 'icontains') {
        const needle = pgUpper(value);
        return (r) => folded(r)[field]?.includes(needle) ?? false;
      }
      return (r) => textOf(r, field) === value;
    }
    case 'created': {
      const { micros } = condition;
      return condition.bound === 'gte' ? (r) => r.created >= micros : (r) => r.created <= micros;
    }
    case 'search': {
      const { terms } = condition;
      return (r) => {
        const l = folded(r);
        return terms.every((t) => l.name.includes(t) || (l.email?.includes(t) ?? false) || (l.tax_id?.includes(t) ?? false));
      };
    }
    case 'status': {
      const values = new Set(condition.values);
      return (r) => values.has(r.status);
    }
    case 'metadata': {
      const { path, value } = condition;
      return (r) => metadataMatches(metadataAt(r.metadata, path), value);
    }
    case 'source': {
      const { id } = condition;
      // A seeded record's sources are the seeded ones it owns (never rebuilt to be read here); a
      // written record holds its own.
      const owner = sourceOwner(id);
      return (r) => (r.rebuilt ? r.id === owner : r.related.sources.some((s) => s.id === id));
    }
  }
}

function allOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0];
  return (r) => {
    for (const p of predicates) if (!p(r)) return false;
    return true;
  };
}

// --- The store --------------------------------------------------------------------------------

/** What the list asks of the store: plain data, read from the query string. */
export interface ListPlan {
  where: Condition[];
  order: OrderTerm[];
  /** The page (from 1, or the last) of `size` records. */
  page: { number: number | 'last'; size: number };
}

/** The answer to a plan: the count, the page number resolved, and its records (none when out of range). */
export interface ListResult {
  count: number;
  pages: number;
  number: number;
  records: CustomerRecord[] | undefined;
}

/** Days of zone offsets looked up after the seed, at most (the seed spans four years). */
const WARMED_DAYS = 6 * 366;

/** The zone's offsets over the seeded records' dates, found first in steps of STEP records. */
function* warmedOffsetSteps(records: readonly CustomerRecord[]): Generator<void, void> {
  let from = Number.POSITIVE_INFINITY;
  let to = Date.now() * 1000;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.created < from) from = r.created;
    if (r.updated > to) to = r.updated;
    if (i % STEP === STEP - 1) yield;
  }
  if (from <= to) yield* warmOffsetSteps(from / 1000, to / 1000, WARMED_DAYS);
}

/**
 * The seeded customers of one app: shared read-only by every sandbox, with an index sorted once
 * per orderable field as the base is built (so no request, not even a new sandbox's first, pays
 * for a sort of the seeded records).
 */
export class SeededCustomers {
  readonly table: BaseTable<CustomerRecord>;
  readonly index: SeededIndex<CustomerRecord>;

  constructor(
    records: readonly CustomerRecord[],
    /** Who owns each seeded source (what the `sources` filter asks of a seeded customer). */
    readonly sourceOwner: SourceOwner = () => undefined,
    /** The records by id, when the seed has made that map already. */
    byId?: ReadonlyMap<string, CustomerRecord>,
  ) {
    this.table = new BaseTable(records, (r) => r.id, byId);
    // Positions stand for records in the index; a record's sequence number is its position.
    records.forEach((r, i) => {
      if (r.seq !== i) throw new Error(`seeded customer ${r.id} has sequence ${r.seq} at position ${i}`);
    });
    this.index = new SeededIndex(this.table, (r) => r.seq);
    // Each field's sort key read once per record: the name's text (its distinct values collated), the instants' numbers.
    // The default order (-created) is built now, for the answer that seeds; name and updated right
    // after it (or by the first list that needs one, if it comes first).
    const { index } = this;
    index.defineNumeric('created', (r) => r.created);
    index.deferKeyed('name', (r) => r.name, pgCollate);
    index.deferNumeric('updated', (r) => r.updated);
    index.buildDeferredSoon();
    this.columns = new TextColumns(records, textOf, pgUpper);
    this.metadataColumns = new PathColumns(records, (path) => (r) => metadataText(metadataAt(r.metadata, path)));
    // The zone's offsets from the first seeded instant on (what a customer owns comes after it,
    // and before now): so a page of customers nobody has read yet renders without looking the
    // zone's rules up. At most the last WARMED_DAYS, whatever a fixture's dates (~8 µs a day).
    // In slices, as the orders are: some 13 ms in one go held whatever request came in then.
    soonAfterSeed(() => runInSlices(warmedOffsetSteps(records)));
  }

  get size(): number {
    return this.table.records.length;
  }

  /** The text fields substring conditions read, as columns (src/core/text-column.ts). */
  private readonly columns: TextColumns<CustomerRecord, TextField>;

  /** Marks the positions created at or after (`gte`) or at or before (`lte`) `micros`: a run of the created order. */
  private createdMarks(bound: 'gte' | 'lte', micros: number, marks: Uint8Array): Uint8Array {
    const order = this.index.ascending('created');
    const { records } = this.table;
    // The first place in the order whose record was created at or after `micros` (gte), or after it (lte).
    const lo = firstReached(0, order.length, (k) =>
      bound === 'gte' ? records[order[k]].created >= micros : records[order[k]].created > micros,
    );
    const [from, to] = bound === 'gte' ? [lo, order.length] : [0, lo];
    for (let k = from; k < to; k++) marks[order[k]] = 1;
    return marks;
  }

  /** The seeded records' metadata values, by path, as `metadataMatches` compares them. */
  private readonly metadataColumns: PathColumns<CustomerRecord>;

  /**
   * Each equality-filtered field's values (a text field's, the country's, the status'), each built
   * at the first exact, `__in`, country or status filter on it (10-60 ms at 100,000 customers).
   */
  private readonly valueColumns = new Map<EqualField, ValueColumn>();

  /** Marks the positions whose `field` is one of `values`. */
  private valueMarks(field: EqualField, values: readonly string[], marks: Uint8Array): Uint8Array {
    const { records } = this.table;
    let column = this.valueColumns.get(field);
    if (!column) {
      column = ValueColumn.of(records.map((r) => equalValueOf(r, field)));
      this.valueColumns.set(field, column);
    }
    for (const value of values) column.mark(value, marks);
    return marks;
  }

  /**
   * The seeded positions that may pass `where`: those its text conditions (exact, in, contains,
   * icontains, search, metadata) find in the columns, of its countries and statuses, within
   * its created range (a run of the created order). Undefined when it has none of these. Exact
   * when every condition is one a column answers as its predicate does: exact and in (the values
   * looked up), contains and icontains (the same text, upper-cased alike), search with every term
   * searched, country, status, the created range, and a source of a known owner.
   */
  candidates(where: readonly Condition[]): Candidates | undefined {
    const n = this.size;
    const budget = new ColumnBudget();
    let may: Uint8Array | undefined;
    let exact = true;
    // The first marks become the list's (slot 0), each later condition's are ANDed into them (slot 1).
    const fresh = () => scratchMarks(may ? 1 : 0, n);
    const narrow = (marks: Uint8Array, answers: boolean) => {
      if (!may) may = marks;
      else andMarks(may, marks);
      if (!answers) exact = false;
    };
    for (const condition of where) {
      if (condition.kind === 'text' && condition.lookup === 'exact') {
        narrow(this.valueMarks(condition.field, [condition.value], fresh()), true);
      } else if (condition.kind === 'text') {
        if (!budget.take()) {
          exact = false;
          break;
        }
        const folds = condition.lookup === 'icontains';
        const marks = fresh();
        const needle = folds ? pgUpper(condition.value) : condition.value;
        if (this.columns.column(condition.field, folds).mark(needle, marks)) narrow(marks, true);
        else exact = false;
      } else if (condition.kind === 'text_in') {
        narrow(this.valueMarks(condition.field, condition.values, fresh()), true);
      } else if (condition.kind === 'created') {
        narrow(this.createdMarks(condition.bound, condition.micros, fresh()), true);
      } else if (condition.kind === 'source') {
        // A source has one owner; the seed says which (a record built whole, from a fixture, had
        // its sources told to the seed too). Without one known, each record is asked.
        const owner = this.sourceOwner(condition.id);
        if (owner === undefined) {
          exact = false;
          continue;
        }
        const marks = fresh();
        const position = this.table.byId.get(owner)?.seq;
        if (position !== undefined) marks[position] = 1;
        narrow(marks, true);
      } else if (condition.kind === 'country') {
        narrow(this.valueMarks('country', condition.codes, fresh()), true);
      } else if (condition.kind === 'status') {
        narrow(this.valueMarks('status', condition.values, fresh()), true);
      } else if (condition.kind === 'metadata') {
        exact = false;
        if (!budget.build(this.metadataColumns.has(condition.path)) || !budget.take()) continue;
        const column = this.metadataColumns.column(condition.path);
        const marks = fresh();
        if (column.mark(condition.value, marks)) narrow(marks, false);
      } else if (condition.kind === 'search') {
        // Every term, in any of the searched fields (the search predicate below). The budget may
        // stop before the last term: the first few narrow enough, and the test then checks every one.
        for (const term of condition.terms) {
          const marks = fresh();
          if (!budget.take(SEARCHED.length) || !SEARCHED.every((field) => this.columns.column(field, true).mark(term, marks))) {
            exact = false;
            break;
          }
          narrow(marks, true);
        }
      } else exact = false;
    }
    return may && { marks: may, exact };
  }
}

/** The fields equality filters compare, each read as its predicate reads it. */
type EqualField = TextField | 'country' | 'status';
function equalValueOf(record: CustomerRecord, field: EqualField): string | null {
  return field === 'country' ? record.country : field === 'status' ? record.status : textOf(record, field);
}

/** The fields `search` looks in (the search predicate reads the same three). */
const SEARCHED = ['name', 'email', 'tax_id'] as const;

/** The plan's order as the index reads it, and as a comparator to merge a sandbox's own records. */
function orderOf(index: SeededIndex<CustomerRecord>, terms: readonly OrderTerm[]): Pick<IndexedQuery<CustomerRecord>, 'order' | 'compare'> {
  if (terms.length === 1) {
    // One term: descending is ascending reversed, ties included (the last inserted first).
    const { field, descending } = terms[0];
    const compare = ascending[field];
    return descending
      ? { order: () => index.descending(field), compare: (a, b) => compare(b, a) }
      : { order: () => index.ascending(field), compare };
  }
  // Several terms: each term's direction, then insertion order.
  return {
    order: () => index.byTerms(terms),
    compare: (a, b) => {
      for (const t of terms) {
        const d = byField[t.field](a, b);
        if (d !== 0) return t.descending ? -d : d;
      }
      return a.seq - b.seq;
    },
  };
}

/** One sandbox's customers: the seeded ones overlaid with what the sandbox wrote. */
export class CustomerStore {
  private readonly table: Table<CustomerRecord>;
  private seq: number;

  constructor(
    private readonly base: SeededCustomers,
    private readonly rng: SeededRng,
    quota?: Quota,
  ) {
    // The quota bounds the sandbox's records and bytes and each customer's metadata.
    // A record's size is its JSON text's: the answer renders it anyway, and walking the record's
    // objects to estimate it cost a write as much again.
    this.table = new Table(
      base.table,
      quota,
      (record) => record.attrs.metadata,
      (record) => recordJson(record).length,
    );
    this.seq = base.size;
  }

  get(id: string): CustomerRecord | undefined {
    return this.table.get(id);
  }

  /** A fresh customer id, drawn from the sandbox's own seeded generator. */
  mintId(): string {
    let id: string;
    do id = randomId(this.rng, 'cus_', 20);
    while (this.table.has(id));
    return id;
  }

  nextSeq(): number {
    return this.seq++;
  }

  get size(): number {
    return this.table.size;
  }

  /** Every live customer, seeded ones first (src/core/snapshot.ts reads the store through these). */
  values(): IterableIterator<CustomerRecord> {
    return this.table.values();
  }

  seeded(id: string): CustomerRecord | undefined {
    return this.table.seeded(id);
  }

  ownChanges() {
    return this.table.ownChanges();
  }

  /** Writes a snapshot's changes into this fresh store. */
  restore(changes: { records: readonly CustomerRecord[]; removed: readonly string[] }): void {
    this.table.restore(changes);
  }

  /** Where the id generator and the insertion order stand, for a snapshot. */
  counters(): { ids: number[]; seq: number } {
    return { ids: this.rng.state(), seq: this.seq };
  }

  restoreCounters(counters: { ids: number[]; seq: number }): void {
    this.rng.restore(counters.ids);
    this.seq = Math.max(this.seq, counters.seq);
  }

  insert(record: CustomerRecord): void {
    this.table.insert(record);
  }

  replace(record: CustomerRecord): void {
    this.table.replace(record);
  }

  /** Deletes a customer for good (its id then answers 404). */
  remove(id: string): void {
    this.table.remove(id);
  }

  /** The records table (seeded base plus this sandbox's writes), for whoever copies a sandbox whole. */
  get records(): Table<CustomerRecord> {
    return this.table;
  }

  /**
   * Whether one record meets every condition of a list's plan: the detail routes look their object
   * up in the filtered queryset (GenericAPIView.get_object), with the list's own predicates.
   */
  matches(record: CustomerRecord, where: readonly Condition[]): boolean {
    return where.every((condition) => predicate(condition, this.base.sourceOwner)(record));
  }

  /**
   * The list: the records matching every condition, in the plan's order, paginated as Django's
   * Paginator does (at least one page; `last` is the last one; a number out of range has no records).
   */
  query(plan: ListPlan): ListResult {
    const predicates = plan.where.map((condition) => predicate(condition, this.base.sourceOwner));
    const key = `${JSON.stringify(plan.where)}|${plan.order.map((t) => `${t.descending ? '-' : ''}${t.field}`).join(',')}`;
    const query: IndexedQuery<CustomerRecord> = {
      key,
      test: predicates.length === 0 ? undefined : allOf(predicates),
      candidates: () => this.base.candidates(plan.where),
      ...orderOf(this.base.index, plan.order),
    };
    const { size } = plan.page;
    // The records up to the page asked for; the last page's number needs the count first.
    const need = plan.page.number === 'last' ? undefined : Math.max(0, plan.page.number * size);
    const window = select(this.base.index, this.table, query, need);
    const pages = Math.max(1, Math.ceil(window.count / size));
    const number = plan.page.number === 'last' ? pages : plan.page.number;
    const records = number >= 1 && number <= pages ? window.page((number - 1) * size, size) : undefined;
    return { count: window.count, pages, number, records };
  }
}
