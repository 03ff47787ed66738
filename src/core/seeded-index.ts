/**
 * Indexes over the seeded records of one resource, built once per app and shared read-only by every
 * sandbox, and the list query answered with them: the seeded records that match a plan, in its
 * order, merged with the sandbox's own writes (copy-on-write stays: a new sandbox copies nothing).
 *
 * The index is generic: a provider names each order it sorts by and gives its comparator; a plan's
 * conditions are one test, whatever they are (an unknown filter is just another predicate). The
 * positions of the seeded records passing a plan, in its order, are kept per plan (`key`, the
 * plan's canonical text) in a small least-recently-used cache: seeded records never change, so a
 * repeated list (a paginated walk, a polling client, a test suite) pays its filter once and then
 * cuts each page straight out of the kept positions.
 *
 * A field's order is precomputed as a dense rank per record (equal values, equal rank), so a sort
 * by several fields, or a re-sort of a filtered set, compares integers, never the collation again.
 */
import { countMarks, everyMarked } from './marks';
import type { BaseTable, Key, Table } from './table';
import { lowerBound } from './search';
import { runInSlices } from './slices';

export type Compare<T> = (a: T, b: T) => number;

/** One field of an order: its rank is read from the index; `descending` flips it. */
export interface RankTerm {
  field: string;
  descending: boolean;
}

/** How a list reads the seeded records: which pass, in which order, and how the own records fit in. */
export interface IndexedQuery<T> {
  /** The plan's canonical text (conditions and order): names its cached positions. */
  key: string;
  /** Whether a record passes every condition; undefined when there is none. */
  test: ((record: T) => boolean) | undefined;
  /**
   * The seeded positions that may pass, found without reading the records (text searched in
   * columns): `test` is asked only of these. Undefined: every record is asked.
   */
  candidates?: () => Candidates | undefined;
  /** The seeded positions in the plan's order (every record, before the test). */
  order: () => Int32Array;
  /** The plan's total order over records, to merge the sandbox's own records with the seeded ones. */
  compare: Compare<T>;
}

/** Seeded positions marked without reading the records: 1 by position. */
export interface Candidates {
  marks: Uint8Array;
  /**
   * Whether the marked records are exactly those passing the test (every condition was answered
   * by a column that compares as the test does): then no record is asked. A one-letter search at
   * 100,000 customers marks 90,000, and asking each again took most of its answer.
   */
  exact: boolean;
}

/**
 * The seeded records passing a plan: how many, and the first of them in its order: all of them, or
 * at least the `need` a page asked for (`SeededIndex.matching`).
 */
export interface Found {
  count: number;
  positions: Int32Array;
}

/** A list's matches: how many, and any page of them. */
export interface Window<T> {
  count: number;
  page(offset: number, limit: number): T[];
}

/** Positions kept at most, over all cached plans (4 bytes each): bounds the cache's memory. */
const CACHE_POSITIONS = 2_000_000;

/**
 * Marked records at most, as a share of all (one in FEW_MARKED), for a list to test only them and
 * sort those passing by their place in its order: past it, walking the order is the quicker way.
 */
const FEW_MARKED = 32;

/** How long after the seed its deferred orders wait (see `buildDeferredSoon`). */
const DEFERRED_BUILD_DELAY_MS = 20;

/**
 * How many turns of the event loop the deferred orders then let pass: a connection that waited
 * while the seed was built takes one poll to be accepted and another to be read, and its request
 * may await once more before it reaches the handler.
 */
const DEFERRED_BUILD_TURNS = 4;

/** Comparisons or records between two looks at the clock while an order is built in slices. */
export const STEP = 2048;

/** Runs `run` after `turns` more polls of the event loop, each in the check phase that follows one. */
function afterPolls(turns: number, run: () => void): void {
  if (turns <= 0) run();
  else setImmediate(() => afterPolls(turns - 1, run));
}

/**
 * Runs `run` shortly after a seed, once the loop has polled a few more times, so that a request
 * which came in while the seed was built (to another provider, say) is read and answered first.
 * A timer alone is not enough: timers run before the poll, so a request that arrived during the
 * seed would wait for `run` too (Piriod's deferred orders: about 350 ms at 100,000 customers).
 */
export function soonAfterSeed(run: () => void): void {
  const timer = setTimeout(() => afterPolls(DEFERRED_BUILD_TURNS, run), DEFERRED_BUILD_DELAY_MS);
  timer.unref?.();
}

/**
 * A value the first answer does not need, built in slices soon after the seed (`soonAfterSeed`),
 * or at once by its first reader if that comes first (the slices then stop where they are).
 */
export class Deferred<V> {
  private value: V | undefined;
  /** The build's steps until it is done: let go then, with what its frame still held. */
  private steps: Iterator<void, V> | undefined;

  constructor(steps: Iterator<void, V>) {
    this.steps = steps;
    soonAfterSeed(() => runInSlices(this.sliced()));
  }

  private *sliced(): Generator<void, void> {
    while (this.steps) {
      const step = this.steps.next();
      if (step.done) this.keep(step.value);
      else yield;
    }
  }

  private keep(value: V): void {
    this.value = value;
    this.steps = undefined;
  }

  get(): V {
    if (this.steps) this.keep(finish(this.steps));
    return this.value as V;
  }
}

export class SeededIndex<T> {
  private readonly ranks = new Map<string, Int32Array>();
  /** How many distinct ranks each field has (its ranks are 0 … that − 1). */
  private readonly distinct = new Map<string, number>();
  /** Orders registered but not built yet, each one's build as steps (perhaps partly taken). */
  private readonly deferred = new Map<string, Iterator<void>>();
  private readonly sorted = new Map<string, Int32Array>();
  private readonly matches = new Map<string, Found>();
  /** Each order's inverse (`placesIn`), built when a list with few marked records first reads it. */
  private readonly places = new WeakMap<Int32Array, Int32Array>();
  private cachedPositions = 0;
  private positions: Map<Key, number> | undefined;
  readonly records: readonly T[];
  readonly keyOf: (record: T) => Key;

  constructor(
    readonly table: BaseTable<T>,
    /** Where a seeded record sits, when the provider knows it (a sequence number, an id in order). */
    private readonly positionOfRecord?: (record: T) => number,
  ) {
    this.records = table.records;
    this.keyOf = table.keyOf;
  }

  /**
   * A seeded record's position: from the provider's `positionOfRecord`, else from a map built on
   * first need (only a sandbox that wrote asks, but the first such list pays for 100,000 entries).
   */
  positionOf(key: Key): number | undefined {
    if (this.positionOfRecord) {
      const record = this.table.byId.get(key);
      return record === undefined ? undefined : this.positionOfRecord(record);
    }
    if (!this.positions) {
      const positions = new Map<Key, number>();
      for (let i = 0; i < this.records.length; i++) positions.set(this.keyOf(this.records[i]), i);
      this.positions = positions;
    }
    return this.positions.get(key);
  }

  /**
   * Registers a field's order, built on its first use or after the seed (`buildDeferredSoon`),
   * whichever comes first: an order the first answer does not need is not built before it.
   */
  deferKeyed<K>(field: string, keyOf: (record: T) => K, compare: Compare<K>): void {
    if (!this.ranks.has(field)) this.deferred.set(field, this.keyedSteps(field, keyOf, compare));
  }

  deferNumeric(field: string, numberOf: (record: T) => number): void {
    if (!this.ranks.has(field)) this.deferred.set(field, this.numericSteps(field, numberOf));
  }

  /**
   * Builds the deferred orders shortly after the seed (`soonAfterSeed`), in slices of a few
   * milliseconds with a poll of the loop between them, so no request waits for a whole build; a
   * list that needs an order before then finishes its build at once.
   */
  buildDeferredSoon(): void {
    soonAfterSeed(() => runInSlices(this.deferredSteps()));
  }

  private *deferredSteps(): Generator<void, void> {
    for (const [field, steps] of this.deferred) {
      while (!steps.next().done) yield;
      this.deferred.delete(field);
    }
  }

  /** How many deferred orders are not built yet. */
  get pendingOrders(): number {
    return this.deferred.size;
  }

  /** Builds every deferred order now. */
  buildDeferred(): void {
    for (const field of [...this.deferred.keys()]) this.ensure(field);
  }

  private ensure(field: string): void {
    const steps = this.deferred.get(field);
    if (steps) {
      this.deferred.delete(field);
      finish(steps);
    }
  }

  /**
   * Registers `field`'s order and builds it now: the records sorted once by `compare` (ties by
   * position), kept as positions and as a dense rank per record.
   */
  define(field: string, compare: Compare<T>): void {
    this.defineKeyed(field, (record) => record, compare);
  }

  /**
   * The same, with each record's sort key computed once (a collation key: lower-cased text, say)
   * rather than at every comparison. Only the distinct keys are sorted by `compare` (a name shared
   * by many records is compared once); each record then takes its key's rank, and the positions are
   * laid out by rank with a counting sort, which keeps position order within a rank: the same order
   * as sorting every record by `compare`, ties by position, at a fraction of the comparisons.
   */
  defineKeyed<K>(field: string, keyOf: (record: T) => K, compare: Compare<K>): void {
    finish(this.keyedSteps(field, keyOf, compare));
  }

  /** defineKeyed's build, pausing every STEP records or comparisons. */
  private *keyedSteps<K>(field: string, keyOf: (record: T) => K, compare: Compare<K>): Generator<void, void> {
    if (this.ranks.has(field)) return;
    const { records } = this;
    const n = records.length;
    const groupOf = new Int32Array(n);
    const distinct: K[] = [];
    const groups = new Map<K, number>();
    for (let i = 0; i < n; i++) {
      const key = keyOf(records[i]);
      let group = groups.get(key);
      if (group === undefined) {
        group = distinct.length;
        groups.set(key, group);
        distinct.push(key);
      }
      groupOf[i] = group;
      if (i % STEP === STEP - 1) yield;
    }
    const sortedGroups = yield* mergeSortSteps(identity(distinct.length), (a, b) => compare(distinct[a], distinct[b]));
    // Keys the comparator calls equal (distinct texts a collation equates) share one rank.
    const groupRank = new Int32Array(distinct.length);
    let r = 0;
    for (let k = 0; k < sortedGroups.length; k++) {
      if (k > 0 && compare(distinct[sortedGroups[k - 1]], distinct[sortedGroups[k]]) !== 0) r++;
      groupRank[sortedGroups[k]] = r;
      if (k % STEP === STEP - 1) yield;
    }
    const rank = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      rank[i] = groupRank[groupOf[i]];
      if (i % STEP === STEP - 1) yield;
    }
    yield* this.storeSteps(field, rank, n === 0 ? 0 : r + 1);
  }

  /**
   * A numeric field's order (an instant, an amount): the values sorted natively as a typed array,
   * each record's rank found by binary search among the distinct values, the positions laid out by
   * rank (ties by position), with no comparator called at all.
   */
  defineNumeric(field: string, numberOf: (record: T) => number): void {
    finish(this.numericSteps(field, numberOf));
  }

  private *numericSteps(field: string, numberOf: (record: T) => number): Generator<void, void> {
    if (this.ranks.has(field)) return;
    const { records } = this;
    const n = records.length;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = numberOf(records[i]);
      if (i % STEP === STEP - 1) yield;
    }
    const { rank, distinct, inOrder } = yield* numericRankSteps(values);
    yield* this.storeSteps(field, rank, distinct, inOrder);
  }

  /** `inOrder`: the positions are already in the field's order (so ordering them changes nothing). */
  private *storeSteps(field: string, rank: Int32Array, distinct: number, inOrder = false): Generator<void, void> {
    const order = inOrder ? identity(rank.length) : yield* byRankSteps(identity(rank.length), rank, distinct, false);
    this.ranks.set(field, rank);
    this.distinct.set(field, distinct);
    this.sorted.set(field, order);
  }

  /** Positions in ascending order of one defined field, ties by position. */
  ascending(field: string): Int32Array {
    this.ensure(field);
    const order = this.sorted.get(field);
    if (!order) throw new Error(`no index on ${field}`);
    return order;
  }

  /** Positions in descending order of one defined field: the ascending ones reversed (ties too). */
  descending(field: string): Int32Array {
    const name = `~${field}`;
    let order = this.sorted.get(name);
    if (!order) {
      order = this.ascending(field).slice().reverse();
      this.sorted.set(name, order);
    }
    return order;
  }

  /** The dense rank of each record in one defined field. */
  rank(field: string): Int32Array {
    this.ensure(field);
    const rank = this.ranks.get(field);
    if (!rank) throw new Error(`no index on ${field}`);
    return rank;
  }

  /**
   * Positions in the order of several fields, ties by position; kept per order. A least-significant
   * first radix sort: one stable counting sort by each field's rank, the last field first.
   */
  byTerms(terms: readonly RankTerm[]): Int32Array {
    const name = terms.map((t) => `${t.descending ? '-' : ''}${t.field}`).join(',');
    let order = this.sorted.get(name);
    if (!order) {
      order = identity(this.records.length);
      for (let k = terms.length - 1; k >= 0; k--) {
        const { field, descending } = terms[k];
        const rank = this.rank(field);
        order = byRank(order, rank, this.distinct.get(field)!, descending);
      }
      this.sorted.set(name, order);
    }
    return order;
  }

  /**
   * The seeded records passing the query, in its order; cached per plan. With `need`, exact marks
   * are counted rather than collected, and the order is walked only until `need` of them are found:
   * a first page of a broad filter (90,000 marked) reads some twenty places of the order, not all
   * of them. A later page past what was found finds them all.
   */
  matching(query: IndexedQuery<T>, need = Number.POSITIVE_INFINITY): Found {
    const order = query.order();
    const { test } = query;
    if (!test) return { count: order.length, positions: order };
    const cached = this.matches.get(query.key);
    if (cached && (cached.positions.length === cached.count || cached.positions.length >= need)) {
      // A use moves the plan to the end: the first entry is the least recently used.
      this.matches.delete(query.key);
      this.matches.set(query.key, cached);
      return cached;
    }
    const may = query.candidates?.();
    const asked = may?.exact ? undefined : test;
    const few = may && this.fewMatching(may.marks, order, asked);
    let found: Found;
    if (few) found = { count: few.length, positions: few };
    else if (may?.exact && need < order.length) found = firstMarked(may.marks, order, need);
    else {
      const positions = this.allMatching(may?.marks, order, asked);
      found = { count: positions.length, positions };
    }
    this.remember(query.key, found);
    return found;
  }

  /**
   * Every position of `order` (those `may` marks, when given) whose record passes `test` (each
   * marked one, without a test).
   */
  private allMatching(may: Uint8Array | undefined, order: Int32Array, test: ((record: T) => boolean) | undefined): Int32Array {
    const { records } = this;
    // Found into a scratch array as long as the order, then copied out at their number: a new
    // array that long for every new plan (400 KB at 100,000 records) was most of what a walk of
    // new queries allocated outside the heap.
    if (this.walked?.length !== order.length) this.walked = new Int32Array(order.length);
    const out = this.walked;
    let n = 0;
    if (may && !test) {
      for (let k = 0; k < order.length; k++) if (may[order[k]] === 1) out[n++] = order[k];
    } else if (may) {
      for (let k = 0; k < order.length; k++) if (may[order[k]] === 1 && test!(records[order[k]])) out[n++] = order[k];
    } else for (let k = 0; k < order.length; k++) if (test!(records[order[k]])) out[n++] = order[k];
    return out.slice(0, n);
  }

  /**
   * The same when `may` marks few records (a new search term marks a few hundred of 100,000):
   * they are read in position order, and those passing are put in the plan's order by their place
   * in it, instead of walking the whole order (0.3 ms at 100,000). Undefined when more than one
   * record in FEW_MARKED is marked.
   */
  private fewMatching(may: Uint8Array, order: Int32Array, test: ((record: T) => boolean) | undefined): Int32Array | undefined {
    const { records } = this;
    const atMost = Math.floor(may.length / FEW_MARKED);
    const passing: number[] = [];
    let marked = 0;
    const all = everyMarked(may, (p) => {
      if (++marked > atMost) return false;
      if (!test || test(records[p])) passing.push(p);
      return true;
    });
    if (!all) return undefined;
    const place = this.placesIn(order);
    passing.sort((a, b) => place[a] - place[b]);
    return Int32Array.from(passing);
  }

  /** allMatching's scratch: the positions found, before they are copied out. */
  private walked: Int32Array | undefined;

  /** Where each position stands in `order` (its inverse), kept while the order is. */
  private placesIn(order: Int32Array): Int32Array {
    let place = this.places.get(order);
    if (!place) {
      place = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) place[order[k]] = k;
      this.places.set(order, place);
    }
    return place;
  }

  private remember(key: string, found: Found): void {
    const { length } = found.positions;
    if (length > CACHE_POSITIONS) return;
    // A plan found again in full replaces what a first page found of it.
    const before = this.matches.get(key);
    if (before) {
      this.matches.delete(key);
      this.cachedPositions -= before.positions.length;
    }
    for (const [oldKey, old] of this.matches) {
      if (this.cachedPositions + length <= CACHE_POSITIONS) break;
      this.matches.delete(oldKey);
      this.cachedPositions -= old.positions.length;
    }
    this.matches.set(key, found);
    this.cachedPositions += length;
  }
}

/** The first `need` positions of `order` that `marks` marks (all of them when fewer), and how many it marks. */
function firstMarked(marks: Uint8Array, order: Int32Array, need: number): Found {
  const count = countMarks(marks);
  const positions = new Int32Array(Math.min(need, count));
  let n = 0;
  for (let k = 0; n < positions.length; k++) if (marks[order[k]] === 1) positions[n++] = order[k];
  return { count, positions };
}

/** Each value's dense rank, how many distinct values there are, and whether they came in order. */
interface NumericRanks {
  rank: Int32Array;
  distinct: number;
  inOrder: boolean;
}

/**
 * Each value's dense rank among the distinct values (equal values, equal rank): sorted natively
 * as a typed array, each rank found by binary search, with no comparator called at all.
 */
function* numericRankSteps(values: Float64Array): Generator<void, NumericRanks> {
  const n = values.length;
  const inOrder = ranksInOrder(values);
  if (inOrder) return inOrder;
  const sorted = yield* sortedSteps(values);
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sorted[k] !== sorted[m - 1]) sorted[m++] = sorted[k];
    if (k % STEP === STEP - 1) yield;
  }
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rank[i] = lowerBound(sorted, values[i], 0, m - 1);
    if (i % STEP === STEP - 1) yield;
  }
  return { rank, distinct: m, inOrder: false };
}

/**
 * The ranks of values already in ascending order, read off in one pass; undefined as soon as one
 * value is below the one before it (or NaN). Pelcro's seeded customers are kept in id order: their
 * id order was a sort of 100,000 sorted numbers on the way to the first answer.
 */
function ranksInOrder(values: Float64Array): NumericRanks | undefined {
  const n = values.length;
  for (let i = 1; i < n; i++) if (!(values[i] >= values[i - 1])) return undefined;
  if (n > 0 && Number.isNaN(values[0])) return undefined;
  const rank = new Int32Array(n);
  let r = 0;
  for (let i = 1; i < n; i++) {
    // Equal values (-0 and 0 too) share a rank, as after the sort below.
    if (values[i] !== values[i - 1]) r++;
    rank[i] = r;
  }
  return { rank, distinct: n === 0 ? 0 : r + 1, inOrder: true };
}

/** Each value's dense rank and how many distinct values there are, built at once. */
export function numericRanks(values: Float64Array): NumericRanks {
  return finish(numericRankSteps(values));
}

/** Positions in ascending order of `values`, ties by position: a numeric field's order, built at once. */
export function numericOrder(values: Float64Array): Int32Array {
  const { rank, distinct, inOrder } = numericRanks(values);
  return inOrder ? identity(values.length) : byRank(identity(values.length), rank, distinct, false);
}

/** 0, 1, … n − 1. */
function identity(n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * `positions` reordered by their rank (highest first when `descending`), keeping the given order
 * within a rank: a stable counting sort over ranks 0 … `distinct` − 1.
 */
function byRank(positions: Int32Array, rank: Int32Array, distinct: number, descending: boolean): Int32Array {
  return finish(byRankSteps(positions, rank, distinct, descending));
}

/** byRank, pausing every STEP positions (3-5 ms at 100,000: more than a slice). */
function* byRankSteps(positions: Int32Array, rank: Int32Array, distinct: number, descending: boolean): Generator<void, Int32Array> {
  const starts = new Int32Array(distinct + 1);
  for (let k = 0; k < positions.length; k++) {
    const r = rank[positions[k]];
    starts[(descending ? distinct - 1 - r : r) + 1]++;
    if (k % STEP === STEP - 1) yield;
  }
  for (let r = 0; r < distinct; r++) starts[r + 1] += starts[r];
  yield;
  const out = new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k];
    const r = rank[p];
    out[starts[descending ? distinct - 1 - r : r]++] = p;
    if (k % STEP === STEP - 1) yield;
  }
  return out;
}

/** What a sandbox's writes do to one list: seeded records it hides, its own records passing, sorted. */
interface OwnPart<T> {
  version: number;
  hidden: number;
  own: T[];
}

/** The own part of a table that wrote nothing. */
const NOTHING_OWN: OwnPart<never> = { version: 0, hidden: 0, own: [] };

/** Plans whose own part each table keeps (the latest used): a paginated walk re-reads its own. */
const OWN_PARTS_KEPT = 8;
const ownParts = new WeakMap<object, Map<string, OwnPart<unknown>>>();

/** The own part of a list, kept per table and plan until the table's next write. */
function ownPart<T>(index: SeededIndex<T>, table: Table<T>, query: IndexedQuery<T>): OwnPart<T> {
  let kept = ownParts.get(table);
  if (!kept) {
    kept = new Map();
    ownParts.set(table, kept);
  }
  const found = kept.get(query.key) as OwnPart<T> | undefined;
  if (found && found.version === table.version) return found;
  const { test } = query;
  const { records } = index;
  // Seeded records this sandbox replaced or removed that the seeded list holds: they leave it.
  let hidden = 0;
  for (const key of table.writtenKeys()) {
    const position = index.positionOf(key);
    if (position !== undefined && (!test || test(records[position]))) hidden++;
  }
  const own: T[] = [];
  for (const record of table.own()) if (!test || test(record)) own.push(record);
  own.sort(query.compare);
  const part = { version: table.version, hidden, own };
  kept.delete(query.key);
  if (kept.size >= OWN_PARTS_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(query.key, part);
  return part;
}

/**
 * A sandbox's list: the seeded records passing the query (those the sandbox wrote left out) merged,
 * in the query's order, with the sandbox's own live records that pass it. A sandbox that wrote
 * nothing this list holds cuts its pages straight out of the seeded positions.
 */
export function select<T>(index: SeededIndex<T>, table: Table<T>, query: IndexedQuery<T>, need?: number): Window<T> {
  const { records } = index;
  const { hidden, own } = table.writes === 0 ? NOTHING_OWN : ownPart(index, table, query);
  if (hidden === 0 && own.length === 0) {
    // The seeded list alone: found as far as the page the caller will ask needs (`need`).
    let found = index.matching(query, need);
    return {
      count: found.count,
      page: (offset, limit) => {
        if (offset + limit > found.positions.length && found.positions.length < found.count) found = index.matching(query);
        const base = found.positions;
        const page: T[] = [];
        const end = Math.min(base.length, offset + limit);
        for (let k = offset; k < end; k++) page.push(records[base[k]]);
        return page;
      },
    };
  }
  const base = index.matching(query).positions;
  const { compare } = query;
  return {
    count: base.length - hidden + own.length,
    page: (offset, limit) => {
      const page: T[] = [];
      let i = 0;
      let j = 0;
      let seen = 0;
      while (page.length < limit) {
        while (i < base.length && hidden > 0 && table.wrote(index.keyOf(records[base[i]]))) i++;
        const fromBase = i < base.length;
        if (!fromBase && j >= own.length) break;
        let next: T;
        if (fromBase && (j >= own.length || compare(records[base[i]], own[j]) <= 0)) next = records[base[i++]];
        else next = own[j++];
        if (seen++ >= offset) page.push(next);
      }
      return page;
    },
  };
}

/** Numbers sorted natively a CHUNK at a time: one sort of 100,000 took 8-13 ms, more than a slice. */
const CHUNK = 8192;

/**
 * `values` in ascending order (NaN last, as a typed array sorts): each CHUNK sorted natively, then
 * the chunks merged pairwise, pausing after each chunk and every STEP numbers merged.
 */
export function* sortedSteps(values: Float64Array): Generator<void, Float64Array> {
  const n = values.length;
  // Copied a chunk at a time too: a copy of 300,000 numbers in one step took a slice and more.
  let from = new Float64Array(n);
  for (let lo = 0; lo < n; lo += CHUNK) {
    from.set(values.subarray(lo, lo + CHUNK), lo);
    from.subarray(lo, lo + CHUNK).sort();
    yield;
  }
  let to = new Float64Array(n);
  let count = 0;
  for (let width = CHUNK; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = from[i];
        const b = from[j];
        // b first only when it sorts strictly before a: a number before NaN, ties from the left.
        to[k++] = b < a || (Number.isNaN(a) && !Number.isNaN(b)) ? from[j++] : from[i++];
        if (++count === STEP) {
          count = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Takes every remaining step of a build, and gives what it returns. */
function finish<R>(steps: Iterator<void, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `items` sorted by `compare`: a natural merge sort (the runs already in order are found, then
 * merged pairwise) that pauses every STEP comparisons, so a build in slices can stop in the middle
 * of sorting 100,000 keys. Items given nearly in order cost few more comparisons than there are
 * items. (Stable, though no caller needs it: keys the comparator calls equal take one rank.)
 */
function* mergeSortSteps(
  items: Int32Array<ArrayBuffer>,
  compare: (a: number, b: number) => number,
): Generator<void, Int32Array<ArrayBuffer>> {
  const n = items.length;
  let count = 0;
  let starts: number[] = [0];
  for (let i = 1; i < n; i++) {
    if (compare(items[i - 1], items[i]) > 0) starts.push(i);
    if (++count === STEP) {
      count = 0;
      yield;
    }
  }
  let from = items;
  let to = new Int32Array(n);
  while (starts.length > 1) {
    const merged: number[] = [];
    for (let r = 0; r < starts.length; r += 2) {
      const lo = starts[r];
      const mid = r + 1 < starts.length ? starts[r + 1] : n;
      const hi = r + 2 < starts.length ? starts[r + 2] : n;
      merged.push(lo);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
        if (++count === STEP) {
          count = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    starts = merged;
    [from, to] = [to, from];
  }
  return from;
}
