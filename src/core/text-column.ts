/**
 * One text per seeded record, joined into one string, so that the records whose text contains a
 * needle are found by searching that string (the engine's own substring search, a few
 * milliseconds over 100,000 names) rather than by asking each record in turn, which read
 * 100,000 scattered objects for every new search (40-60 ms).
 */

import { KeptMap } from './kept-map';
import { PairSignatures } from './pair-signatures';
import { upperBound } from './search';

/** Between two records' texts: no needle holding it is searched here (`mark` says so). */
const SEPARATOR = '\u0000';

/** Records after the last hit's that `recordAt` asks one by one before searching. */
const NEAR = 4;

export class TextColumn {
  private constructor(
    private readonly text: string,
    /** Where each record's text starts in `text`; one more entry, the end. */
    private readonly starts: Int32Array,
    /** Records without a text (null): they contain nothing, not even the empty needle. */
    private readonly missing: Uint8Array,
    /** False when a record's own text holds the separator: then no search can be trusted. */
    readonly usable: boolean,
    /** Which character pairs each record's text holds: most needles rule out most records by them. */
    private readonly pairs: PairSignatures,
  ) {}

  /** The column of `texts` (one per record, null for none). */
  static of(texts: readonly (string | null)[]): TextColumn {
    const n = texts.length;
    const starts = new Int32Array(n + 1);
    const missing = new Uint8Array(n);
    let at = 0;
    let usable = true;
    for (let p = 0; p < n; p++) {
      starts[p] = at;
      const text = texts[p];
      if (text === null) missing[p] = 1;
      else if (text.includes(SEPARATOR)) usable = false;
      at += (text?.length ?? 0) + 1;
    }
    starts[n] = at;
    const present = texts.map((text) => text ?? '');
    return new TextColumn(present.join(SEPARATOR), starts, missing, usable, PairSignatures.of(present));
  }

  get size(): number {
    return this.missing.length;
  }

  /**
   * Sets `into[p] = 1` for every record p whose text contains `needle`; false (nothing marked)
   * when this column cannot answer for that needle, and the caller must ask each record.
   */
  mark(needle: string, into: Uint8Array): boolean {
    if (!this.usable || needle.includes(SEPARATOR)) return false;
    const { text, starts, missing } = this;
    const n = missing.length;
    if (needle === '') {
      for (let p = 0; p < n; p++) if (!missing[p]) into[p] = 1;
      return true;
    }
    // A few records left by their pairs: search only their texts. Past n / 16 of them, one search
    // through the whole text is quicker than a slice of it for each.
    const few = this.pairs.candidates(needle, n >>> 4);
    if (few) {
      for (let k = 0; k < few.length; k++) {
        const p = few[k];
        if (text.slice(starts[p], starts[p + 1] - 1).includes(needle)) into[p] = 1;
      }
      return true;
    }
    let from = 0;
    let p = 0;
    for (;;) {
      const hit = text.indexOf(needle, from);
      if (hit === -1) return true;
      p = this.recordAt(hit, p);
      into[p] = 1;
      // One hit is enough: go on from the next record's text.
      from = starts[p + 1];
    }
  }

  /**
   * The record whose text holds the character at `offset` (the last one starting at or before it),
   * `from` or after it. Hits come in order, and a common needle's next hit is most often in one of
   * the next few records: those are asked first, and a binary search per hit (17 steps at 100,000
   * records, 90,000 hits for a one-letter needle) only when it is further on.
   */
  private recordAt(offset: number, from: number): number {
    const { starts } = this;
    for (let p = from; p < from + NEAR; p++) if (starts[p + 1] > offset) return p;
    return upperBound(starts, offset, from + NEAR, starts.length - 1) - 1;
  }
}

/**
 * The columns of some text fields of a fixed list of records, each built at its first use (35-60
 * ms a field of 100,000 records, its pair planes included): folded for a case-insensitive
 * search (lower-cased unless the database folds otherwise), or as they are. Not ahead of use: built after the seed, in slices, they made a new
 * sandbox's first list wait up to 50 ms (its maximum over 50 sandboxes, 15-18 ms without them).
 */
export class TextColumns<T, F extends string> {
  private readonly built = new Map<string, TextColumn>();

  constructor(
    private readonly records: readonly T[],
    private readonly textOf: (record: T, field: F) => string | null,
    /** How a case-insensitive column folds a text: its database's (Piriod's PostgreSQL upper-cases). */
    private readonly fold: (text: string) => string = (text) => text.toLowerCase(),
  ) {}

  /** The column of `field`, folded by `fold` when `folded` (a needle must then be folded alike). */
  column(field: F, folded: boolean): TextColumn {
    const name = nameOf(field, folded);
    let column = this.built.get(name);
    if (!column) {
      column = TextColumn.of(
        this.records.map((record) => {
          const text = this.textOf(record, field);
          return folded && text !== null ? this.fold(text) : text;
        }),
      );
      this.built.set(name, column);
    }
    return column;
  }
}

const nameOf = (field: string, folded: boolean) => `${folded ? 'folded:' : ''}${field}`;

/**
 * Columns of the value each record holds at a path (its metadata's, say), the last few paths
 * asked: a client names any path it likes, so what is kept stays bounded (a few megabytes a
 * column at 100,000 records). Each is built at once at its path's first use.
 */
export class PathColumns<T> {
  private readonly kept: KeptMap<string, TextColumn>;

  constructor(
    private readonly records: readonly T[],
    /**
     * The reader of `path`: the text a filter compares there, or null when the record holds
     * nothing there. Made once per column, so what the path alone decides is worked out once, not
     * for every record (a path may be thousands of keys long).
     */
    private readonly readerOf: (path: readonly string[]) => (record: T) => string | null,
    paths = 8,
  ) {
    this.kept = new KeptMap(paths);
  }

  /** Whether the column of `path` is kept (asking for it costs no build). */
  has(path: readonly string[]): boolean {
    return this.kept.get(JSON.stringify(path)) !== undefined;
  }

  column(path: readonly string[]): TextColumn {
    const key = JSON.stringify(path);
    let column = this.kept.get(key);
    if (!column) {
      column = TextColumn.of(this.records.map(this.readerOf(path)));
      this.kept.set(key, column);
    }
    return column;
  }
}

/**
 * How much column work one list may ask for: a query can name thousands of values, terms or
 * metadata paths (as long as its URL), and each would search a column of every seeded record (or
 * build one). Past the budget a list narrows no further; the marks stay a superset, and the filter's
 * own test decides, as it always does.
 */
export class ColumnBudget {
  constructor(
    /** Column searches left (one `mark` each). */
    public searches = 16,
    /** Columns that may still be built for this list (a metadata path not kept). */
    public builds = 1,
  ) {}

  /** Takes `n` searches if that many are left. */
  take(n = 1): boolean {
    if (this.searches < n) return false;
    this.searches -= n;
    return true;
  }

  /** Takes a build if the column is not kept and one is left; true when the column may be read. */
  build(kept: boolean): boolean {
    if (kept) return true;
    if (this.builds < 1) return false;
    this.builds -= 1;
    return true;
  }
}
