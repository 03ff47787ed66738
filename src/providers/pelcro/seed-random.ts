/**
 * Cheap seeded choices for the seed generator (faker is kept for realistic text: it is the slow part).
 * Every timestamp is derived from a fixed reference date, never from "now".
 */
import { createRng, type Rng } from '../../core/random';

/** Every seeded timestamp lies before this instant. */
export const REF_DATE = new Date('2025-06-01T00:00:00Z');
export const REF_SECONDS = REF_DATE.getTime() / 1000;
export const DAY = 86_400;

export class Chooser {
  private readonly rng: Rng;

  constructor(seed: string) {
    this.rng = createRng(seed);
  }

  chance(probability: number): boolean {
    return this.rng() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)];
  }

  /** A value drawn by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.rng() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** A Unix-seconds instant in [from, to]. */
  between(from: number, to: number): number {
    return to <= from ? from : this.int(from, to);
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  alphanumeric(length: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += chars[Math.floor(this.rng() * chars.length)];
    return out;
  }
}

/** `seconds` moved on by `count` calendar intervals (UTC). */
export function addInterval(seconds: number, interval: 'day' | 'week' | 'month' | 'year', count: number): number {
  if (interval === 'day') return seconds + count * DAY;
  if (interval === 'week') return seconds + count * 7 * DAY;
  const date = new Date(seconds * 1000);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else date.setUTCFullYear(date.getUTCFullYear() + count);
  return Math.floor(date.getTime() / 1000);
}
