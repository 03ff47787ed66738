/**
 * Rendered JSON texts of seeded records, kept in a bounded cache: one per provider, shared by
 * every app and sandbox of the process (a seeded record is the same object in all of them).
 *
 * A seeded record is rebuilt from its generator's state each time it is read, so its text is worth
 * keeping, but not beside the record: reading every page of 100,000 customers would keep them
 * all. A text is kept from its second reading (`KeptMap.offer`): one read once, on a page walked
 * past, never is.
 *
 * Bounded by characters, not by count. The bound before, 20,000 texts a provider, was most of
 * what a walk over random pages left in the heap at 100,000 customers (a Piriod text is about
 * 1.6 KB, a Pelcro one 0.8 KB). In process, 8,000 random Piriod pages and 12,000 random Pelcro
 * ones left 104.5 MB live with 20,000 texts a provider, 51 MB with 8 Mi characters and 39 MB with
 * 4 Mi. A kept text saves a rebuild and a `JSON.stringify` (about 16 µs), yet a random walk over
 * 100,000 records finds few texts again however many are kept: Piriod's time a page did not
 * change (0.96-1.08 → 0.92-1.19 ms), Pelcro's, whose pages of 50 were each read six times, rose
 * 0.34 → 0.48 ms, and did the same with 8 Mi characters.
 */
import { KeptMap } from './kept-map';

/** Characters kept at most a provider (4 Mi): some 2,600 Piriod texts, 5,000 Pelcro ones. */
export const SEEDED_TEXT_CHARS = 4 * 1024 * 1024;
/** Texts kept at most a provider, whatever their size (the doorkeeper remembers as many keys). */
const SEEDED_TEXTS_KEPT = 10_000;

export function seededTextCache<K>(): KeptMap<K, string> {
  return new KeptMap<K, string>(SEEDED_TEXTS_KEPT, SEEDED_TEXT_CHARS, (_key, text) => text.length);
}
