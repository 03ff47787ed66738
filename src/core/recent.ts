/**
 * The last few values made for keys, found by identity: a rebuilt seeded record read twice in a
 * row (its attributes, then its relations; a customer, then what it owns) is rebuilt once.
 *
 * Arrays, not a Map. The same few rebuilt records kept in a Map (a KeptMap of 256, and a plain
 * Map of only 4 as well) made every young-generation collection promote 1-4 MB while a walk over
 * random pages ran, and each scavenge took 7-17 ms; kept in these arrays, 0.1 MB and 2 ms, and a
 * Piriod record rebuilt in 8 µs instead of 17 (measured in-process, 100,000 customers). Why V8
 * keeps so much more alive behind the Map was not found; the measurement is what this rests on.
 */
export class Recent<K, V> {
  private readonly keys: (K | undefined)[];
  private readonly values: (V | undefined)[];
  private next = 0;

  constructor(private readonly size: number) {
    this.keys = new Array<K | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: K): V | undefined {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i];
    return undefined;
  }

  /** Keeps `value` for `key` in place of the oldest of the few. */
  set(key: K, value: V): void {
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
}
