/**
 * The seeded records customers own (contacts, sources), kept compactly. 100,000 customers own some
 * 200,000 contacts: held whole, they were most of the seeded data's memory and of the garbage
 * collector's work at start. Each is kept instead as a few numbers: its owner and place among its
 * owner's records (the record itself is read from its owner, whose parts a seeded customer
 * rebuilds when read: the same bytes every time), its instant, a hash of its id, and each field a
 * list filters on as a code (a small set of values) or a hash (free text, confirmed on the record).
 *
 * A list reads these columns only: the records passing its conditions, newest first, are found
 * without building one record; only the page's records are read from their owners.
 */
import type { Key, SeededBase } from '../../../core/table';
import type { Window } from '../page';
import { lowerBound } from '../../../core/search';
import { Deferred, numericOrder, STEP, sortedSteps } from '../../../core/seeded-index';

/** How a list filters on one field: by a code per distinct value, or by a hash of the text. */
export type FieldKind = 'code' | 'hash';

/** One condition of a list: the field equals the value. */
export interface Equals<F extends string> {
  field: F;
  value: string | boolean;
}

/** Whether a record meets every condition, each tested on the record itself. */
export function meetsAll(record: object, where: readonly Equals<string>[]): boolean {
  return where.every(({ field, value }) => (record as Record<string, unknown>)[field] === value);
}

/** 32-bit FNV-1a over the UTF-16 code units (null hashes as 0). */
export function hashText(text: string | null): number {
  if (text === null) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Owned = { id: string; created: number };

type Packed = Int32Array | Uint16Array | Uint32Array | Float64Array;

/**
 * Numbers appended one by one into a typed array that doubles as it fills (no boxed array
 * elements), of the type the base keeps them in. Filled as doubles and converted at the end
 * (`Uint32Array.from`, element by element), each column faulted in and copied two to four times
 * the bytes at each doubling, then converted instead of copied once, and left malloc's arenas
 * holding the freed halves: at 100,000 customers the first Piriod answer (Piriod alone) took a
 * median 2.37 s against 2.18 s so, and RSS then was 212-223 MB against 197-206 MB.
 */
class Numbers<A extends Packed> {
  private array: A;
  private length = 0;

  constructor(private readonly make: (length: number) => A) {
    this.array = make(1024);
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }

  /** The numbers pushed, in an array of their own: the room left to grow into is let go. */
  done(): A {
    return this.array.slice(0, this.length) as A;
  }
}

const int32 = (n: number) => new Int32Array(n);
const uint16 = (n: number) => new Uint16Array(n);
const uint32 = (n: number) => new Uint32Array(n);
const float64 = (n: number) => new Float64Array(n);

/** A column being filled: a code per distinct value, or a hash per record. */
interface Filling<T, F> {
  field: F;
  kind: FieldKind;
  read: (record: T) => unknown;
  /** A hash (32 bits) per record, or a code (16 bits). */
  values: Numbers<Uint32Array | Uint16Array>;
  codes: Map<unknown, number>;
}

/** How a list filters on one field, and how the field is read (one reader per field keeps each read monomorphic). */
export type FieldSpec<T> = readonly [FieldKind, (record: T) => unknown];

/** Collects the owned records as the customers are generated, then builds the compact base. */
export class OwnedBuilder<T extends Owned, F extends string> {
  private readonly owners = new Numbers(int32);
  private readonly slots = new Numbers(uint16);
  private readonly created = new Numbers(float64);
  private readonly ids = new Numbers(uint32);
  private readonly filling: Filling<T, F>[] = [];

  constructor(fields: Readonly<Record<F, FieldSpec<T>>>) {
    for (const [field, [kind, read]] of Object.entries(fields) as [F, FieldSpec<T>][]) {
      const values = kind === 'hash' ? new Numbers<Uint32Array | Uint16Array>(uint32) : new Numbers<Uint32Array | Uint16Array>(uint16);
      this.filling.push({ field, kind, read, values, codes: new Map() });
    }
  }

  /** The `slot`-th record of the customer at position `owner`. */
  add(owner: number, slot: number, record: T): void {
    if (slot > 0xffff) throw new Error(`customer at ${owner} owns more than ${0xffff + 1} records`);
    this.owners.push(owner);
    this.slots.push(slot);
    this.created.push(record.created);
    this.ids.push(hashText(record.id));
    for (let k = 0; k < this.filling.length; k++) {
      const column = this.filling[k];
      const value = column.read(record);
      if (column.kind === 'hash') column.values.push(hashText(value as string | null));
      else {
        let code = column.codes.get(value);
        if (code === undefined) {
          code = column.codes.size;
          if (code > 0xffff) throw new Error(`more than ${0xffff + 1} distinct values of ${column.field}`);
          column.codes.set(value, code);
        }
        column.values.push(code);
      }
    }
  }

  /** The base, reading each record from its owner: `recordsOf(owners[i])[slot]`. */
  build(recordsOf: (owner: number) => readonly T[], positionOfOwner: (id: string) => number | undefined): SeededOwned<T, F> {
    const columns = new Map<F, Column>();
    for (const { field, kind, values, codes } of this.filling) {
      columns.set(
        field,
        kind === 'hash' ? { kind, values: values.done() as Uint32Array } : { kind, values: values.done() as Uint16Array, codes },
      );
    }
    return new SeededOwned<T, F>(
      {
        owners: this.owners.done(),
        slots: this.slots.done(),
        created: this.created.done(),
        ids: this.ids.done(),
        columns,
      },
      recordsOf,
      positionOfOwner,
    );
  }
}

/** Positions in order of their id hash (ties by position), and the hashes in that order. */
function* hashOrderSteps(ids: Uint32Array): Generator<void, { byHash: Int32Array; sortedHashes: Uint32Array }> {
  const n = ids.length;
  // Hash and position packed in one double (exact below 2^53) sort natively, no comparator.
  // Every pass pauses every STEP records: in one step, each of them held a request for 3-14 ms.
  const packed = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    packed[p] = ids[p] * 2 ** 21 + p;
    if (p % STEP === STEP - 1) yield;
  }
  const sorted = yield* sortedSteps(packed);
  const byHash = new Int32Array(n);
  const sortedHashes = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const p = sorted[k] % 2 ** 21;
    byHash[k] = p;
    sortedHashes[k] = ids[p];
    if (k % STEP === STEP - 1) yield;
  }
  return { byHash, sortedHashes };
}

type Column = { kind: 'hash'; values: Uint32Array } | { kind: 'code'; values: Uint16Array; codes: Map<unknown, number> };

interface Columns<F> {
  owners: Int32Array;
  slots: Uint16Array;
  created: Float64Array;
  ids: Uint32Array;
  columns: Map<F, Column>;
}

/** Matching positions kept at most, over all cached plans (4 bytes each). */
const CACHE_POSITIONS = 1_000_000;

/** The seeded records customers own, in their owners' order, kept as columns. Never written to. */
export class SeededOwned<T extends Owned, F extends string> implements SeededBase<T> {
  readonly keyOf = (record: T): Key => record.id;
  /**
   * Positions sorted by id hash, and the hashes in that order: an id is found by binary search.
   * Built just after the seed (no list needs it: 30-40 ms at 100,000 customers' contacts and sources
   * taken off the first answer), or at the first lookup by id.
   */
  private readonly hashOrder: Deferred<{ byHash: Int32Array; sortedHashes: Uint32Array }>;
  private newest?: Int32Array;
  private readonly matches = new Map<string, Int32Array>();
  private cachedPositions = 0;

  constructor(
    private readonly c: Columns<F>,
    private readonly recordsOf: (owner: number) => readonly T[],
    /** A seeded customer's position, by its id. */
    readonly positionOfOwner: (id: string) => number | undefined,
  ) {
    if (c.ids.length >= 2 ** 21) throw new Error(`too many owned records to index: ${c.ids.length}`);
    this.hashOrder = new Deferred(hashOrderSteps(c.ids));
  }

  get size(): number {
    return this.c.ids.length;
  }

  /** The record at `position`, read from its owner. */
  at(position: number): T {
    return this.recordsOf(this.c.owners[position])[this.c.slots[position]];
  }

  /** Where the record `id` sits, if it is a seeded one. */
  positionOf(id: Key): number | undefined {
    if (typeof id !== 'string') return undefined;
    const h = hashText(id);
    const { sortedHashes, byHash } = this.hashOrder.get();
    for (let k = lowerBound(sortedHashes, h); k < sortedHashes.length && sortedHashes[k] === h; k++) {
      if (this.at(byHash[k]).id === id) return byHash[k];
    }
    return undefined;
  }

  get(id: Key): T | undefined {
    const position = this.positionOf(id);
    return position === undefined ? undefined : this.at(position);
  }

  has(id: Key): boolean {
    return this.positionOf(id) !== undefined;
  }

  *values(): IterableIterator<T> {
    for (let p = 0; p < this.size; p++) yield this.at(p);
  }

  /** Every position newest first (`created` descending; ties: the later seeded first). */
  newestFirst(): Int32Array {
    if (!this.newest) {
      // Oldest first with ties in seeded order, reversed: newest first, the later seeded first.
      this.newest = numericOrder(this.c.created).reverse();
    }
    return this.newest;
  }

  /**
   * A test of a seeded position against every condition, read from the columns (a hash match is
   * confirmed on the record itself); undefined when no seeded record can pass.
   */
  private test(where: readonly Equals<F | 'customer'>[]): ((position: number) => boolean) | undefined {
    const tests: ((position: number) => boolean)[] = [];
    // Hash tests read a record to confirm a match: they run after the cheaper columns.
    const confirmed: ((position: number) => boolean)[] = [];
    for (const { field, value } of where) {
      if (field === 'customer') {
        const owner = this.positionOfOwner(String(value));
        if (owner === undefined) return undefined;
        const { owners } = this.c;
        tests.push((p) => owners[p] === owner);
        continue;
      }
      const column = this.c.columns.get(field as F);
      if (!column) throw new Error(`no column ${field}`);
      if (column.kind === 'code') {
        const code = column.codes.get(value);
        if (code === undefined) return undefined;
        const { values } = column;
        tests.push((p) => values[p] === code);
      } else {
        const h = hashText(String(value));
        const { values } = column;
        confirmed.push((p) => values[p] === h && this.at(p)[field as unknown as keyof T] === value);
      }
    }
    tests.push(...confirmed);
    return (p) => {
      for (const t of tests) if (!t(p)) return false;
      return true;
    };
  }

  /** The positions of the records passing every condition, newest first; kept per plan. */
  matching(where: readonly Equals<F | 'customer'>[]): Int32Array {
    const order = this.newestFirst();
    if (where.length === 0) return order;
    const key = JSON.stringify(where);
    const cached = this.matches.get(key);
    if (cached) {
      this.matches.delete(key);
      this.matches.set(key, cached);
      return cached;
    }
    const test = this.test(where);
    let found: Int32Array;
    if (!test) found = new Int32Array(0);
    else {
      const out = new Int32Array(order.length);
      let n = 0;
      for (let k = 0; k < order.length; k++) if (test(order[k])) out[n++] = order[k];
      found = out.slice(0, n);
    }
    if (found.length <= CACHE_POSITIONS) {
      for (const [oldKey, old] of this.matches) {
        if (this.cachedPositions + found.length <= CACHE_POSITIONS) break;
        this.matches.delete(oldKey);
        this.cachedPositions -= old.length;
      }
      this.matches.set(key, found);
      this.cachedPositions += found.length;
    }
    return found;
  }

  /** The positions of the records the customer at position `owner` owns, in seed order. */
  positionsOfOwner(owner: number): number[] {
    const out: number[] = [];
    const { owners } = this.c;
    for (let p = 0; p < owners.length; p++) if (owners[p] === owner) out.push(p);
    return out;
  }

  /** The instant of the record at `position`. */
  createdAt(position: number): number {
    return this.c.created[position];
  }
}

/** What a sandbox's writes do to one list: the seeded positions still shown, its own records passing, sorted. */
interface OwnPart<T> {
  version: number;
  seeded: Int32Array;
  own: { record: T; tie: number }[];
}

const ownParts = new WeakMap<object, { key: string; part: OwnPart<unknown> }>();

/**
 * One sandbox's list, newest first (`created` descending; ties: the later first, a record the
 * sandbox added after every seeded one, a seeded one it changed in its seeded place): the seeded
 * records passing the conditions, less those the sandbox wrote, merged with its own that pass
 * (each condition a field equal to a value, tested on the record itself).
 */
export function ownedList<T extends Owned, F extends string>(
  base: SeededOwned<T, F>,
  table: {
    writes: number;
    version: number;
    writtenKeys(): Iterable<Key>;
    own(): Iterable<T>;
  },
  where: readonly Equals<F | 'customer'>[],
): Window<T> {
  const matching = base.matching(where);
  if (table.writes === 0) return { count: matching.length, page: (offset, limit) => positions(base, matching, offset, limit) };
  const key = JSON.stringify(where);
  let kept = ownParts.get(table);
  if (kept?.key !== key || kept.part.version !== table.version) {
    const hidden = new Set<number>();
    for (const id of table.writtenKeys()) {
      const position = base.positionOf(id);
      if (position !== undefined) hidden.add(position);
    }
    const seeded = hidden.size === 0 ? matching : matching.filter((p) => !hidden.has(p));
    const own: { record: T; tie: number }[] = [];
    let added = 0;
    for (const record of table.own()) {
      const position = base.positionOf(record.id);
      const tie = position ?? base.size + added++;
      if (meetsAll(record, where)) own.push({ record, tie });
    }
    own.sort((a, b) => b.record.created - a.record.created || b.tie - a.tie);
    kept = { key, part: { version: table.version, seeded, own } };
    ownParts.set(table, kept);
  }
  const { seeded, own } = kept.part as OwnPart<T>;
  if (own.length === 0) return { count: seeded.length, page: (offset, limit) => positions(base, seeded, offset, limit) };
  return {
    count: seeded.length + own.length,
    page(offset, limit) {
      const page: T[] = [];
      let i = 0;
      let j = 0;
      let seen = 0;
      while (page.length < limit && (i < seeded.length || j < own.length)) {
        let fromSeeded = i < seeded.length;
        if (fromSeeded && j < own.length) {
          const created = base.createdAt(seeded[i]);
          const mine = own[j];
          fromSeeded = created > mine.record.created || (created === mine.record.created && seeded[i] > mine.tie);
        }
        const next = fromSeeded ? seeded[i++] : own[j++].record;
        if (seen++ >= offset) page.push(typeof next === 'number' ? base.at(next) : next);
      }
      return page;
    },
  };
}

function positions<T extends Owned>(base: SeededOwned<T, string>, list: Int32Array, offset: number, limit: number): T[] {
  const page: T[] = [];
  const end = Math.min(list.length, offset + limit);
  for (let k = offset; k < end; k++) page.push(base.at(list[k]));
  return page;
}
