/**
 * A copy-on-write uniqueness index (email, username, old_provider_id → customer id): the seeded
 * index is built once and shared, a sandbox keeps only the keys it claimed or released, so opening
 * a sandbox stays O(1) and a uniqueness check stays O(1) whatever the seeded size.
 *
 * Keys are compared case-insensitively, as MySQL's default `*_ci` collations compare them for
 * Laravel's `unique` rule (**guess**: Pelcro's collation is not public).
 */
export function uniqueKey(value: string): string {
  return value.toLowerCase();
}

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

export class UniqueIndex {
  /** null: released by this sandbox. */
  private readonly own = new Map<string, number | null>();

  constructor(private readonly base: BaseUniqueIndex) {}

  owner(value: string): number | undefined {
    const key = uniqueKey(value);
    const own = this.own.get(key);
    if (own !== undefined) return own ?? undefined;
    return this.base.owners.get(key);
  }

  /** True when `value` belongs to a record other than `self`. */
  takenByOther(value: string, self?: number): boolean {
    const owner = this.owner(value);
    return owner !== undefined && owner !== self;
  }

  claim(value: string, id: number): void {
    this.own.set(uniqueKey(value), id);
  }

  release(value: string): void {
    this.own.set(uniqueKey(value), null);
  }
}
