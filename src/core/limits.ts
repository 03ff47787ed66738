/**
 * What a client may make the mock hold. A mock on the internet meets every buggy or hostile
 * client, so each sandbox is capped (records it adds, bytes it stores, metadata keys and value
 * sizes), the number of sandboxes is capped with least-recently-used eviction, and all sandboxes
 * together share one byte budget: past it, the least recently used sandboxes are forgotten (they
 * start again from the seed on their next request). Every figure is the mock's own choice, not
 * a provider's; each provider's renderer says "no" in its own error shape.
 */
import { z } from 'zod';
import { ApiError } from './errors';

export const LimitsSchema = z
  .object({
    /** Open sandboxes at most; opening one more forgets the least recently used. */
    maxSandboxes: z.number().int().min(1).default(1000),
    /** Records one sandbox may add on top of the seeded ones. */
    maxRecords: z.number().int().min(1).default(10_000),
    /** Approximate bytes of the records one sandbox has written (see `storedSize`). */
    maxStoredBytes: z
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    /** Approximate bytes of all of one provider's sandboxes' records together; least recently used sandboxes go first. */
    maxTotalBytes: z
      .number()
      .int()
      .min(1024)
      .default(128 * 1024 * 1024),
    /** Keys of one record's `metadata`. */
    maxMetadataKeys: z.number().int().min(1).default(50),
    /** Characters of one metadata value (its JSON text when it is not a string). */
    maxMetadataValueLength: z.number().int().min(1).default(4096),
  })
  .strict();

export type Limits = z.output<typeof LimitsSchema>;
export const DEFAULT_LIMITS: Limits = LimitsSchema.parse({});

const limitError = (limit: 'records' | 'bytes' | 'metadata_keys' | 'metadata_value', max: number) =>
  new ApiError({ kind: 'limit_exceeded', limit, max });

/**
 * An estimate of the memory a stored value holds, linear in its size: characters of strings and
 * keys, 8 per number, a little per object. Walked with a stack, so deep nesting is no recursion.
 */
export function storedSize(value: unknown): number {
  let size = 0;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 8;
    else if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) continue;
      seen.add(item);
      size += 16;
      if (Array.isArray(item)) for (const child of item) stack.push(child);
      else
        for (const key of Object.keys(item)) {
          size += key.length + 8;
          stack.push((item as Record<string, unknown>)[key]);
        }
    } else size += 8;
  }
  return size;
}

/**
 * The refusal of metadata with more than `max` keys: what checkMetadata throws first, for a writer
 * that knows it is coming before the metadata is whole (a merge that has already set more keys).
 */
export function tooManyMetadataKeys(max: number): ApiError {
  return limitError('metadata_keys', max);
}

/** Refuses a metadata object with too many keys or a value too long. */
export function checkMetadata(metadata: unknown, limits: Limits): void {
  if (typeof metadata !== 'object' || metadata === null) return;
  const keys = Object.keys(metadata);
  if (keys.length > limits.maxMetadataKeys) throw limitError('metadata_keys', limits.maxMetadataKeys);
  for (const key of keys) {
    const value = (metadata as Record<string, unknown>)[key];
    const length = typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0);
    if (length > limits.maxMetadataValueLength) throw limitError('metadata_value', limits.maxMetadataValueLength);
  }
}

/** The byte budget all sandboxes of one registry share. */
export interface BytePool {
  used: number;
  /** Frees room by forgetting other sandboxes; true when `bytes` more now fit. */
  makeRoom(bytes: number, except: Quota): boolean;
}

/**
 * One sandbox's account: records added and bytes stored. `charge` refuses before anything is
 * written, so a refused write leaves the sandbox as it was.
 */
export class Quota {
  records = 0;
  bytes = 0;
  /** Set when the sandbox is forgotten: a request still holding it no longer counts against the pool. */
  detached = false;
  /**
   * Set by the first write to a record (or a revocation): the sandbox is no longer the seed, and
   * forgetting it would lose something. Set at the write, not once the request is answered: a
   * request awaiting something after its write (a token signed) holds a sandbox that is not clean.
   */
  written = false;

  constructor(
    readonly limits: Limits,
    private pool?: BytePool,
  ) {}

  /** Joins a pool with what was charged so far (a sandbox filled aside, then kept). */
  join(pool: BytePool): void {
    if (pool.used + this.bytes > this.limits.maxTotalBytes) pool.makeRoom(this.bytes, this);
    this.pool = pool;
    pool.used += this.bytes;
  }

  charge(records: number, bytes: number): void {
    if (records > 0 && this.records + records > this.limits.maxRecords) throw limitError('records', this.limits.maxRecords);
    if (bytes > 0 && this.bytes + bytes > this.limits.maxStoredBytes) throw limitError('bytes', this.limits.maxStoredBytes);
    if (bytes > 0 && this.pool && !this.detached && this.pool.used + bytes > this.limits.maxTotalBytes) {
      if (!this.pool.makeRoom(bytes, this)) throw limitError('bytes', this.limits.maxTotalBytes);
    }
    this.records += records;
    this.bytes += bytes;
    if (this.pool && !this.detached) this.pool.used += bytes;
  }
}

/** The sentence a refused write over a sandbox-wide bound carries (the same facts for both providers). */
export function sandboxLimitText(limit: 'records' | 'bytes', max: number): string {
  const what = limit === 'records' ? `${max} records of its own` : `${max} bytes of records`;
  return `This sandbox holds the most the mock allows (${what}): reset it (POST /__understudy/reset) or use another token.`;
}
