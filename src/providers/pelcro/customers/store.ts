/**
 * Where a sandbox's customers live: the seeded ones (shared read-only, copy-on-write) and the
 * sandbox's own writes, with the uniqueness indexes Laravel's `unique` rule reads, and `query(plan)`
 * for the list. A customer is held in its response form without expand (`view`), so an unexpanded
 * answer is the stored value itself; what the response does not show (which payment sources are the
 * customer's) sits beside it.
 */
import { z } from 'zod';
import { Customer, type FilterAttribute, type SortValue } from '../../../../contracts/pelcro/schemas';
import { compareCi, containsLiterals, containsMatcher } from '../../../../lib/php/mysql';
import { andMarks, orMarks, scratchMarks } from '../../../core/marks';
import { ColumnBudget, PathColumns, TextColumns } from '../../../core/text-column';
import type { Quota } from '../../../core/limits';
import { childAt, keyOf, writeJson } from '../../../../lib/ordered-json';
import { keepSentRecords } from '../../../core/plain-object';
import { type Candidates, type IndexedQuery, SeededIndex, select } from '../../../core/seeded-index';
import { BaseTable, Table } from '../../../core/table';
import { firstReached } from '../../../core/search';

export interface StoredCustomer {
  readonly view: Customer;
  /** The customer's payment sources (the Source object does not name its owner). */
  readonly sourceIds: readonly number[];
}

/** What lists filter, sort and look up a customer by: kept at hand by every record, seeded or written. */
export interface CustomerFields {
  readonly id: number;
  readonly email: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly metadata: Customer['metadata'];
}

/** Rebuilds a seeded customer's whole form from what its record keeps (the seed replayed). */
export interface CustomerRebuilder {
  read(record: SeededCustomer): StoredCustomer;
}

/**
 * A seeded customer as a large seed keeps it: only the fields lists filter and sort on, and a way to
 * rebuild the rest (`view`, `sourceIds`) by replaying the seed's draws, which gives the same bytes
 * every time. A hundred thousand customers then cost a small fraction of their whole form.
 */
export class SeededCustomer implements StoredCustomer, CustomerFields {
  constructor(
    readonly id: number,
    readonly email: string | null,
    readonly first_name: string | null,
    readonly last_name: string | null,
    readonly metadata: Customer['metadata'],
    private readonly rebuilder: CustomerRebuilder,
  ) {}

  get view(): Customer {
    return this.rebuilder.read(this).view;
  }

  get sourceIds(): readonly number[] {
    return this.rebuilder.read(this).sourceIds;
  }
}

/** The fields lists read, without rebuilding a seeded customer. */
export function fieldsOf(record: StoredCustomer): CustomerFields {
  return record instanceof SeededCustomer ? record : record.view;
}

/** A customer being built: its attributes by name (`writtenCustomer` from validated input, `customerOf` from outside). */
export type Draft = Record<string, unknown>;

/**
 * A new customer's attributes before anything sets them, from the schema: false for a flag, null
 * for what may be null, [] for a list and {} for metadata (the id and timestamps are the caller's).
 */
export function emptyAttributes(): Draft {
  const draft: Draft = {};
  for (const [field, empty] of EMPTY_VALUES) draft[field] = empty === 'list' ? [] : empty === 'array' ? {} : empty;
  return draft;
}

type EmptyValue = false | null | 'list' | 'array';
/** Each field's empty value, read off the schema once (a list and a PHP array are made fresh per draft). */
const EMPTY_VALUES: readonly (readonly [string, EmptyValue])[] = Object.entries(Customer.shape).flatMap(
  ([field, schema]): [string, EmptyValue][] => {
    const inner = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
    if (inner instanceof z.ZodBoolean) return [[field, false]];
    if (schema instanceof z.ZodNullable || schema instanceof z.ZodNull) return [[field, null]];
    if (schema instanceof z.ZodArray) return [[field, 'list']];
    // A PHP array (an object or a list, see metadata): empty, which json_encode writes `[]`.
    if (schema instanceof z.ZodRecord || schema instanceof z.ZodUnion) return [[field, 'array']];
    return [];
  },
);

/** The draft as a Customer: the schema checks it, and the metadata keeps every key it holds (`__proto__` too). */
export function customerOf(draft: Draft): Customer {
  return keepSentRecords(Customer.parse(draft), draft, ['metadata']);
}

const CUSTOMER_KEYS = Object.keys(Customer.shape);

/**
 * A draft built by the write handlers from validated input, as a Customer: its fields in the
 * schema's order, nothing else (what `customerOf`'s parse gives such a draft, without the parse,
 * a fifth of a write's cost). Records from outside (fixtures, snapshots) go through `customerOf`.
 */
export const writtenCustomer = compiledCopy(CUSTOMER_KEYS) as (draft: Draft) => Customer;

/**
 * A new customer: every attribute empty (see `emptyAttributes`), the id and timestamps given, the
 * rest undefined until set, in the schema's order. The write handlers set only fields it has, so
 * the draft is already what `writtenCustomer` would make of it.
 */
export const blankCustomer = new Function(
  'id',
  'now',
  `return {${CUSTOMER_KEYS.map((key) => `${JSON.stringify(key)}: ${blankValue(key)}`).join(', ')}};`,
) as (id: number, now: number) => Draft;

/** A blank customer's value of `key`, as code: the id and timestamps are the arguments. */
function blankValue(key: string): string {
  if (key === 'id') return 'id';
  if (key === 'created_at' || key === 'updated_at') return 'now';
  const empty = EMPTY_VALUES.find(([field]) => field === key)?.[1];
  return empty === 'list' ? '[]' : empty === 'array' ? '{}' : String(empty);
}

/**
 * A function copying `keys` of an object into a new one, in that order, compiled once: an object
 * literal gets its whole shape at once, where setting forty keys one by one from a list made V8
 * look up and change the object's shape at every key. Building a new customer took 9.2 µs that
 * way (23 µs of a create under load), 1.1 µs from these literals.
 */
function compiledCopy(keys: readonly string[]): (source: Draft) => Draft {
  return new Function('s', `return {${keys.map((key) => `${JSON.stringify(key)}: s[${JSON.stringify(key)}]`).join(', ')}};`) as (
    source: Draft,
  ) => Draft;
}

/** The columns Laravel's `unique` rule checks, per site. */
export const UNIQUE_FIELDS = ['email', 'username', 'old_provider_id'] as const;
export type UniqueField = (typeof UNIQUE_FIELDS)[number];

/**
 * Unique keys compare case-insensitively, as MySQL's default `*_ci` collations compare them for
 * Laravel's `unique` rule (**guess**: Pelcro's collation is not public).
 */
export function uniqueKey(value: string): string {
  return value.toLowerCase();
}

/** A seeded uniqueness index (value → customer id), built once and shared. */
export class BaseUniqueIndex {
  readonly owners = new Map<string, number>();

  /** Returns false when the key is already owned by another record. */
  add(value: string, id: number): boolean {
    const key = uniqueKey(value);
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== id) return false;
    this.owners.set(key, id);
    return true;
  }
}

/**
 * A sandbox's view of a uniqueness index: it keeps only the keys it claimed or released, so opening
 * a sandbox stays O(1) and a check stays O(1) whatever the seeded size.
 */
class UniqueIndex {
  /** null: released by this sandbox. */
  private readonly own = new Map<string, number | null>();

  constructor(private readonly base: BaseUniqueIndex) {}

  owner(value: string): number | undefined {
    const key = uniqueKey(value);
    const own = this.own.get(key);
    if (own !== undefined) return own ?? undefined;
    return this.base.owners.get(key);
  }

  claim(value: string, id: number): void {
    this.own.set(uniqueKey(value), id);
  }

  release(value: string): void {
    this.own.set(uniqueKey(value), null);
  }
}

/** The seeded customers of one app, built once and shared read-only by every sandbox. */
export interface CustomerBase {
  table: BaseTable<StoredCustomer>;
  /** The orders of the list, sorted once (`indexCustomers`). */
  index: SeededIndex<StoredCustomer>;
  unique: Record<UniqueField, BaseUniqueIndex>;
  /** The highest seeded id: a sandbox's new ids continue after it. */
  maxId: number;
  /** The filterable columns' texts, for like filters (`customerColumns`). */
  columns: TextColumns<StoredCustomer, FilterAttribute>;
  /** The metadata values' texts by path, for metadata filters. */
  metadata: PathColumns<StoredCustomer>;
  /** Each customer's metadata keys holding a value, for `has` filters (`metadataKeyColumns`). */
  metadataKeys: TextColumns<StoredCustomer, 'keys'>;
}

/** The seeded customers' metadata values at a path, as metadata filters compare them. */
export function metadataColumns(table: BaseTable<StoredCustomer>): PathColumns<StoredCustomer> {
  return new PathColumns(table.records, (path) => {
    const keys = path.map(keyOf);
    return (record) => metadataText(fieldsOf(record).metadata as Record<string, unknown>, keys) ?? null;
  });
}

/** Around each key in the keys column: a `has` filter looks for its key between two. */
const KEY_BOUND = '\u0001';

/**
 * The seeded customers' metadata keys whose value is not null (as `has` tests them), each between
 * KEY_BOUND: one column for every key, built at the first `has` filter (about 50 ms at 100,000
 * customers, once). Reading every customer's metadata cost 11-21 ms at 100,000 customers for each
 * new key, and a key few customers hold is now found in 1-2 ms; a column per key was tried before,
 * and its build cost more than the scan it saved. A key holding the bound is still found (the
 * marks are a superset; `testOf` decides), and one holding NUL makes the column decline.
 */
export function metadataKeyColumns(table: BaseTable<StoredCustomer>): TextColumns<StoredCustomer, 'keys'> {
  return new TextColumns<StoredCustomer, 'keys'>(table.records, (record) => {
    const metadata = fieldsOf(record).metadata as Record<string, unknown>;
    let text = KEY_BOUND;
    for (const key of Object.keys(metadata)) if (metadata[key] !== null) text += key + KEY_BOUND;
    return text;
  });
}

/** The seeded customers' filterable columns, each built at the first filter on it (40 ms at 100,000 customers). */
export function customerColumns(table: BaseTable<StoredCustomer>): TextColumns<StoredCustomer, FilterAttribute> {
  return new TextColumns<StoredCustomer, FilterAttribute>(table.records, (record, field) => fieldsOf(record)[field]);
}

/** The customers of a site nothing was seeded on. */
export function emptyCustomerBase(): CustomerBase {
  const table = new BaseTable<StoredCustomer>([], customerKey);
  return {
    table,
    index: indexCustomers(table),
    unique: { email: new BaseUniqueIndex(), username: new BaseUniqueIndex(), old_provider_id: new BaseUniqueIndex() },
    maxId: 0,
    columns: customerColumns(table),
    metadata: metadataColumns(table),
    metadataKeys: metadataKeyColumns(table),
  };
}

export const customerKey = (record: StoredCustomer) => fieldsOf(record).id;

/** One filter of a list, as data. `or` joins it to the conditions before it with OR rather than AND. */
export type Condition = { or: boolean } & (
  | { on: 'column'; column: FilterAttribute; match: 'eq' | 'like'; values: string[] }
  | { on: 'metadata'; path: string[]; match: 'eq' | 'like'; values: string[] }
  | { on: 'metadata_keys'; keys: string[] }
);

/** What a list asks of the store, as plain data: which customers, in which order, which page. */
export interface QueryPlan {
  where: Condition[];
  order: SortValue;
  page: { offset: number; limit: number };
}

export interface QueryResult {
  records: StoredCustomer[];
  total: number;
}

/**
 * A metadata value at a dotted path, its keys as stored (`keyOf`: the caller maps the path once,
 * not once per customer), as text (JSON for objects), or undefined when absent.
 */
function metadataText(metadata: Record<string, unknown>, keys: readonly string[]): string | undefined {
  let node: unknown = metadata;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = childAt(node, key);
  }
  if (node === null || node === undefined) return undefined;
  return typeof node === 'object' ? writeJson(node, { phpArrays: true }) : String(node);
}

type Test = (customer: CustomerFields) => boolean;

function valueTest(read: (c: CustomerFields) => string | null | undefined, match: 'eq' | 'like', values: string[], ci: boolean): Test {
  if (match === 'like') {
    const matchers = values.map((v) => containsMatcher(v, ci));
    return (c) => {
      const text = read(c);
      return text != null && matchers.some((matches) => matches(text));
    };
  }
  const wanted = new Set(values.map((v) => (ci ? v.toLowerCase() : v)));
  return (c) => {
    const text = read(c);
    return text != null && wanted.has(ci ? text.toLowerCase() : text);
  };
}

/**
 * A condition as a test. Text columns compare case-insensitively (MySQL `_ci` collations); metadata
 * values, read through JSON, compare case-sensitively. Both are **guesses**.
 */
function testOf(condition: Condition): Test {
  switch (condition.on) {
    // Keys and paths as stored, mapped once per list, not once per customer tested.
    case 'metadata_keys': {
      const keys = condition.keys.map(keyOf);
      const holds = (metadata: Record<string, unknown>, key: string) => Object.hasOwn(metadata, key) && metadata[key] !== null;
      if (keys.length <= 4) return (c) => keys.some((key) => holds(c.metadata as Record<string, unknown>, key));
      // Many keys (a URL holds thousands): a customer's own few keys are looked up among them.
      const wanted = new Set(keys);
      return (c) => Object.keys(c.metadata).some((key) => wanted.has(key) && holds(c.metadata as Record<string, unknown>, key));
    }
    case 'metadata': {
      const keys = condition.path.map(keyOf);
      return valueTest((c) => metadataText(c.metadata as Record<string, unknown>, keys), condition.match, condition.values, false);
    }
    case 'column':
      return valueTest((c) => c[condition.column], condition.match, condition.values, true);
  }
}

/**
 * Whether a customer passes the conditions, applied in order like chained Laravel `where`/`orWhere`
 * calls, so SQL precedence holds: `a AND b OR c` is `(a AND b) OR c`.
 */
function matcherOf(where: readonly Condition[]): Test {
  const tests = where.map((condition) => ({ or: condition.or, test: testOf(condition) }));
  return (customer) => {
    let group = true;
    for (let i = 0; i < tests.length; i++) {
      const { or, test } = tests[i];
      if (or && i > 0) {
        if (group) return true;
        group = true;
      }
      if (group) group = test(customer);
    }
    return group;
  };
}

const testOfRecord = (test: Test) => (record: StoredCustomer) => test(fieldsOf(record));

/** The base's text columns: the filterable attributes, the metadata paths and keys. */
type SeededColumns = Pick<CustomerBase, 'columns' | 'metadata' | 'metadataKeys'>;

/**
 * The seeded positions that may pass `where` (1 by position), found in the text columns: a like
 * filter's plain texts (its pattern between `%`), or an eq filter's value, must all occur in the
 * column (lower-cased for the attributes, as they compare; as it is for metadata). Conditions
 * combine as `matcherOf` combines them (AND within a group, OR between groups); undefined when
 * some group has nothing a column narrows, or a pattern holds `_`.
 */
function candidatesOf(where: readonly Condition[], columns: SeededColumns): Candidates | undefined {
  const budget = new ColumnBudget();
  let passing: Uint8Array | undefined;
  let exact = true;
  let groupStart = 0;
  for (let i = 1; i <= where.length; i++) {
    if (i < where.length && !where[i].or) continue;
    let group: Uint8Array | undefined;
    for (const condition of where.slice(groupStart, i)) {
      const marks = valueMarks(condition, columns, budget);
      if (!marks || !answersExactly(condition)) exact = false;
      if (!marks) continue;
      if (group) andMarks(group, marks);
      else {
        group = scratchMarks(GROUP, marks.length);
        group.set(marks);
      }
    }
    if (!group) return undefined;
    if (passing) orMarks(passing, group);
    else {
      passing = scratchMarks(PASSING, group.length);
      passing.set(group);
    }
    groupStart = i;
  }
  return passing && { marks: passing, exact };
}

/**
 * The scratch marks each level of `candidatesOf` writes (src/core/marks.ts): the list's, a group's,
 * a condition's, and a value's first and later texts. Each level's are copied or ANDed into the
 * level above before the slot is asked again.
 */
const [PASSING, GROUP, CONDITION, VALUE, LITERAL] = [0, 1, 2, 3, 4];

/**
 * Whether a condition's marks are exactly the customers its test passes: a like filter on a text
 * column whose every value is one plain text (`%an%`, `an%`: contained, as `containsMatcher`
 * matches it, lower-cased alike). An eq value is searched as contained, and a like value of
 * several texts must hold them in order, which marks do not check.
 */
function answersExactly(condition: Condition): boolean {
  return (
    condition.on === 'column' &&
    condition.match === 'like' &&
    condition.values.every((value) => containsLiterals(value, true)?.length === 1)
  );
}

/**
 * The positions whose column holds every plain text of one of the condition's values: a like
 * value's texts between `%`, or an equal value whole (then the matcher keeps the equal ones).
 */
function valueMarks(condition: Condition, columns: SeededColumns, budget: ColumnBudget): Uint8Array | undefined {
  if (condition.on === 'metadata_keys') return keyMarks(condition.keys, columns, budget);
  // One search per value at least (the values are alternatives: all of them, or none narrows).
  if (condition.on === 'metadata' && !budget.build(columns.metadata.has(condition.path))) return undefined;
  if (!budget.take(condition.values.length)) return undefined;
  // Text columns compare case-insensitively, metadata values case-sensitively (`testOf`).
  const ci = condition.on === 'column';
  const column = condition.on === 'column' ? columns.columns.column(condition.column, true) : columns.metadata.column(condition.path);
  const out = scratchMarks(CONDITION, column.size);
  for (const value of condition.values) {
    const literals = condition.match === 'eq' ? [ci ? value.toLowerCase() : value] : containsLiterals(value, ci);
    // `_`, or only `%`: every text may match.
    if (!literals || literals.length === 0) return undefined;
    let marks: Uint8Array | undefined;
    // All of a value's texts must occur; the first is paid for above, more while searches are left.
    for (const [k, literal] of literals.entries()) {
      if (k > 0 && !budget.take()) break;
      const found = scratchMarks(k === 0 ? VALUE : LITERAL, column.size);
      if (!column.mark(literal, found)) return undefined;
      if (!marks) marks = found;
      else andMarks(marks, found);
    }
    orMarks(out, marks!);
  }
  return out;
}

/** The positions whose metadata holds one of `keys` (as stored: `keyOf`), by the keys column. */
function keyMarks(keys: readonly string[], columns: SeededColumns, budget: ColumnBudget): Uint8Array | undefined {
  if (!budget.take(keys.length)) return undefined;
  const column = columns.metadataKeys.column('keys', false);
  const out = scratchMarks(CONDITION, column.size);
  for (const key of keys) if (!column.mark(KEY_BOUND + keyOf(key) + KEY_BOUND, out)) return undefined;
  return out;
}

/** MySQL order for `email` (`_ci`, NULLs first); ties are broken by id ascending in both directions. */
function byEmail(a: StoredCustomer, b: StoredCustomer): number {
  const x = fieldsOf(a);
  const y = fieldsOf(b);
  return compareCi(x.email, y.email) || x.id - y.id;
}
function byEmailDesc(a: StoredCustomer, b: StoredCustomer): number {
  const x = fieldsOf(a);
  const y = fieldsOf(b);
  return compareCi(y.email, x.email) || x.id - y.id;
}
const byId = (a: StoredCustomer, b: StoredCustomer) => customerKey(a) - customerKey(b);

/** A lower-cased email, or null: compareCi's collation key, so the sort compares each once-made key. */
const emailKey = (record: StoredCustomer) => fieldsOf(record).email?.toLowerCase() ?? null;
const compareEmailKeys = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1);

/**
 * The index of the seeded customers (in id order): by id, and by email as compareCi orders it
 * (its lower-cased text, NULLs first), sorted once as the base is built.
 */
export function indexCustomers(table: BaseTable<StoredCustomer>): SeededIndex<StoredCustomer> {
  // The seeded customers are in id order: a record's position is found by halving.
  const { records } = table;
  const index = new SeededIndex(table, (record) => {
    const id = customerKey(record);
    return firstReached(0, records.length - 1, (p) => customerKey(records[p]) >= id);
  });
  // Ids are numbers: a typed-array sort, no comparator. The email order (a collation key per
  // record, then a sort) is not needed by the first answer (by id): it is built just after it,
  // or by the first list that sorts by email, as Piriod's name order is.
  index.defineNumeric('id', customerKey);
  index.deferKeyed('email', emailKey, compareEmailKeys);
  index.buildDeferredSoon();
  return index;
}

/** The plan's order as the index reads it, and as a comparator to merge a sandbox's own customers. */
function orderOf(index: SeededIndex<StoredCustomer>, order: SortValue): Pick<IndexedQuery<StoredCustomer>, 'order' | 'compare'> {
  switch (order) {
    case 'id':
      return { order: () => index.ascending('id'), compare: byId };
    case '-id':
      return { order: () => index.descending('id'), compare: (a, b) => byId(b, a) };
    case 'email':
      return { order: () => index.ascending('email'), compare: byEmail };
    case '-email':
      // Descending email, ties still by id ascending: not the ascending order reversed.
      return { order: () => index.byTerms([{ field: 'email', descending: true }]), compare: byEmailDesc };
  }
}

/** One sandbox's customers. */
export class CustomerStore {
  private readonly table: Table<StoredCustomer>;
  private readonly unique: Record<UniqueField, UniqueIndex>;
  private readonly ids: { next(): number };
  private readonly index: SeededIndex<StoredCustomer>;
  private readonly seededColumns: SeededColumns;

  /** Counts every write to the site's customers (what a kept list page is valid for). */
  get version(): number {
    return this.table.version;
  }

  /** `ids`: the id column, shared by every site of an account (its own counter when absent). */
  constructor(
    base: CustomerBase,
    private readonly quota?: Quota,
    ids?: { next(): number },
  ) {
    this.index = base.index;
    this.seededColumns = base;
    // The quota bounds the sandbox's records and bytes and each customer's metadata.
    this.table = new Table(base.table, quota, (record) => record.view.metadata);
    this.unique = {
      email: new UniqueIndex(base.unique.email),
      username: new UniqueIndex(base.unique.username),
      old_provider_id: new UniqueIndex(base.unique.old_provider_id),
    };
    let last = base.maxId;
    this.ids = ids ?? { next: () => ++last };
  }

  get(id: number): StoredCustomer | undefined {
    return this.table.get(id);
  }

  /** The most metadata keys a customer may hold; undefined without a quota. */
  get maxMetadataKeys(): number | undefined {
    return this.quota?.limits.maxMetadataKeys;
  }

  /** Ids are never reused, not even those of deleted customers (an auto-increment column). */
  nextId(): number {
    return this.ids.next();
  }

  /** The id of the customer `value` of `field` belongs to (a deleted one's stays: decision 002). */
  ownerOf(field: UniqueField, value: string): number | undefined {
    return this.unique[field].owner(value);
  }

  /** True when `value` of `field` belongs to a customer other than `self`. */
  takenByOther(field: UniqueField, value: string, self?: number): boolean {
    const owner = this.unique[field].owner(value);
    return owner !== undefined && owner !== self;
  }

  insert(record: StoredCustomer): void {
    this.table.insert(record);
    this.claimKeys(record.view);
  }

  replace(before: StoredCustomer, after: StoredCustomer): void {
    // The table first: a write the quota refuses throws here, before any unique key is released.
    this.table.replace(after);
    // Frees the values an update changed away from (an update is a real change, unlike a delete).
    for (const field of UNIQUE_FIELDS) {
      const old = before.view[field];
      const next = after.view[field];
      if (old !== null && (next === null || uniqueKey(old) !== uniqueKey(next))) this.unique[field].release(old);
    }
    this.claimKeys(after.view);
  }

  get size(): number {
    return this.table.size;
  }

  /** Every live customer, seeded ones first (snapshots read the store through these). */
  values(): IterableIterator<StoredCustomer> {
    return this.table.values();
  }

  ownChanges() {
    return this.table.ownChanges();
  }

  /** Writes a snapshot's changes into this fresh store, unique keys claimed as the writes claimed them. */
  restore(changes: { records: readonly StoredCustomer[]; removed: readonly number[] }): void {
    for (const record of changes.records) {
      const seeded = this.table.seeded(customerKey(record));
      if (seeded) this.replace(seeded, record);
      else this.insert(record);
    }
    for (const id of changes.removed) this.remove(id);
  }

  /** Whether this store's base holds `id` (a seeded customer of this site). */
  isSeeded(id: number): boolean {
    return this.table.seeded(id) !== undefined;
  }

  /** A deleted customer's email, username and old_provider_id stay taken (docs/decisions/002-pelcro-soft-delete.md). */
  remove(id: number): void {
    this.table.remove(id);
  }

  /** The page of customers the plan asks for, and how many match in all. */
  query(plan: QueryPlan): QueryResult {
    const { where, order, page } = plan;
    const query: IndexedQuery<StoredCustomer> = {
      key: `${JSON.stringify(where)}|${order}`,
      test: where.length === 0 ? undefined : testOfRecord(matcherOf(where)),
      candidates: () => candidatesOf(where, this.seededColumns),
      ...orderOf(this.index, order),
    };
    const window = select(this.index, this.table, query, page.offset + page.limit);
    return { records: window.page(page.offset, page.limit), total: window.count };
  }

  private claimKeys(view: Customer): void {
    for (const field of UNIQUE_FIELDS) {
      const value = view[field];
      if (value !== null) this.unique[field].claim(value, view.id);
    }
  }
}

/** `name` is the full name Pelcro derives from first and last name (null when both are empty). */
export function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}
