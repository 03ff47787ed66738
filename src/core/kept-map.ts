/**
 * A bounded map that forgets its least recently used entries first, by count and optionally by
 * weight: a Map for lookups beside a doubly linked list for recency, so a hit, an insert and an
 * eviction each cost a few pointer writes. The oldest entry is the list's tail, never found by
 * iterating the Map: V8 leaves a deleted entry's slot in a Map's table until it rehashes, so the
 * first key of a map evicted from its front sits past up to half its capacity of holes, and
 * `keys().next()` on 20,000 entries cost 9 µs an eviction (measured; 0.6 µs at 256). Nor does a
 * hit delete and set the key again, which made V8 rehash a map of 20,000 entries now and then.
 */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  weight: number;
  newer: Entry<K, V> | undefined;
  older: Entry<K, V> | undefined;
}

export class KeptMap<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  private newest: Entry<K, V> | undefined;
  private oldest: Entry<K, V> | undefined;
  private weight = 0;
  /** The doorkeeper (see `offer`): keys offered once and not kept, each with its slot in `offers`. */
  private readonly sighted = new Map<K, number>();
  /** The last `maxEntries` keys offered and not kept, a ring written at `offered % maxEntries`. */
  private readonly offers: (K | undefined)[] = [];
  private offered = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
    private readonly weigh: (key: K, value: V) => number = () => 0,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry !== this.newest) {
      this.unlink(entry);
      this.link(entry);
    }
    return entry.value;
  }

  /** Keeps `value` as the newest entry, forgetting the oldest ones past the bounds. */
  set(key: K, value: V): void {
    this.delete(key);
    const entry: Entry<K, V> = { key, value, weight: this.weigh(key, value), newer: undefined, older: undefined };
    this.entries.set(key, entry);
    this.link(entry);
    this.weight += entry.weight;
    while (this.oldest !== undefined && (this.entries.size > this.maxEntries || this.weight > this.maxWeight)) {
      this.delete(this.oldest.key);
    }
  }

  /**
   * Keeps `value` only if `key` was offered before, among about the last `maxEntries` keys offered
   * and not kept: the doorkeeper of TinyLFU (Einziger, Friedman and Manes, "TinyLFU: A Highly
   * Efficient Cache Admission Policy", 2017). What is read once — each page of a client walking
   * a list of 100,000 records, each record on those pages — is never kept, so it pushes out
   * nothing that is read again. Kept anyway, such entries lived just long enough for the collector
   * to copy and promote them before they were pushed out: a walk over random pages spent a
   * third of its time collecting (measured). What is read again is kept from its second reading.
   */
  offer(key: K, value: V): void {
    if (this.admits(key)) this.set(key, value);
  }

  /**
   * Whether `key` is to be kept now, by `offer`'s rule: it is kept already, or was offered before.
   * Otherwise it is noted as offered once. For a value that costs something to make, made only
   * when it is to be kept.
   */
  admits(key: K): boolean {
    if (this.sighted.delete(key) || this.entries.has(key)) return true;
    if (this.maxEntries < 1) return false;
    const slot = this.offered++ % this.maxEntries;
    const previous = this.offers[slot];
    // The slot's key is forgotten unless it was kept meanwhile, or offered again into another slot.
    if (previous !== undefined && this.sighted.get(previous) === slot) this.sighted.delete(previous);
    this.offers[slot] = key;
    this.sighted.set(key, slot);
    return false;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.unlink(entry);
    this.weight -= entry.weight;
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The keys, least recently used first. */
  keys(): K[] {
    const keys: K[] = [];
    for (let entry = this.oldest; entry !== undefined; entry = entry.newer) keys.push(entry.key);
    return keys;
  }

  private link(entry: Entry<K, V>): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.newer === undefined) this.newest = entry.older;
    else entry.newer.older = entry.older;
    if (entry.older === undefined) this.oldest = entry.newer;
    else entry.older.newer = entry.newer;
    entry.newer = undefined;
    entry.older = undefined;
  }
}
