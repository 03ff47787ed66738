/**
 * Response bodies as DRF's JSONRenderer writes them: compact separators, non-ASCII kept as is,
 * U+2028/U+2029 escaped (rest_framework/renderers.py). A record's JSON is computed once and
 * reused: records are immutable, so it never goes stale.
 */
import type { CustomerRecord } from './model';

const cache = new WeakMap<CustomerRecord, string>();

export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\u2028') || text.includes('\u2029')
    ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
    : text;
}

export function recordJson(record: CustomerRecord): string {
  let text = cache.get(record);
  if (text === undefined) {
    text = toJson(record.view);
    cache.set(record, text);
  }
  return text;
}
