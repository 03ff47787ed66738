/**
 * Marks: one byte a seeded record, 1 where it may pass a list's filter (`IndexedQuery.candidates`).
 * Combined and read here four bytes at a time, as 32-bit words: a byte at a time, one pass over
 * 100,000 marks took 130-160 µs, a fifth of a new search term's whole answer.
 */

/** The whole words of `marks`, and where the bytes after them start. */
function wordsOf(marks: Uint8Array): [Uint32Array, number] {
  // A view off a word's boundary is read a byte at a time (a fresh array never is one).
  if (marks.byteOffset % 4 !== 0) return [new Uint32Array(0), 0];
  const whole = marks.length >>> 2;
  return [new Uint32Array(marks.buffer, marks.byteOffset, whole), whole << 2];
}

/** Keeps in `into` the records marked in both. */
export function andMarks(into: Uint8Array, other: Uint8Array): void {
  const [a, tail] = wordsOf(into);
  const [b, otherTail] = wordsOf(other);
  if (tail !== otherTail) {
    for (let p = 0; p < into.length; p++) into[p] &= other[p];
    return;
  }
  for (let w = 0; w < a.length; w++) a[w] &= b[w];
  for (let p = tail; p < into.length; p++) into[p] &= other[p];
}

/** Adds to `into` the records marked in `other`. */
export function orMarks(into: Uint8Array, other: Uint8Array): void {
  const [a, tail] = wordsOf(into);
  const [b, otherTail] = wordsOf(other);
  if (tail !== otherTail) {
    for (let p = 0; p < into.length; p++) into[p] |= other[p];
    return;
  }
  for (let w = 0; w < a.length; w++) a[w] |= b[w];
  for (let p = tail; p < into.length; p++) into[p] |= other[p];
}

/**
 * Calls `visit` with each marked position, ascending, while it returns true; false when a visit
 * stopped the walk. Most words of a narrow marking are all zero, and are passed over whole.
 */
export function everyMarked(marks: Uint8Array, visit: (position: number) => boolean): boolean {
  const [words, tail] = wordsOf(marks);
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 0) continue;
    for (let p = w << 2; p < (w << 2) + 4; p++) if (marks[p] === 1 && !visit(p)) return false;
  }
  for (let p = tail; p < marks.length; p++) if (marks[p] === 1 && !visit(p)) return false;
  return true;
}

/** How many records are marked: each word's four bytes (0 or 1) summed by one multiplication. */
export function countMarks(marks: Uint8Array): number {
  const [words, tail] = wordsOf(marks);
  let count = 0;
  for (let w = 0; w < words.length; w++) if (words[w] !== 0) count += Math.imul(words[w], 0x01010101) >>> 24;
  for (let p = tail; p < marks.length; p++) count += marks[p];
  return count;
}

/**
 * Zeroed marks for `n` records, from a few kept per size: a list's marks live only while its
 * matches are found (`SeededIndex.matching` reads them at once and keeps none), so each query
 * need not allocate its own. Allocated per condition, a walk of new queries at 100,000 records
 * made 100 KB buffers outside the heap by the hundred a second, and the process's peak RSS rose
 * past 400 MB. A slot's marks stay valid until the next call asking the same slot and size.
 */
export function scratchMarks(slot: number, n: number): Uint8Array {
  let kept = scratch.get(n);
  if (!kept) {
    kept = [];
    scratch.set(n, kept);
  }
  let marks = kept[slot];
  if (marks) marks.fill(0);
  else {
    marks = new Uint8Array(n);
    kept[slot] = marks;
  }
  return marks;
}

/** Scratch marks by size, then slot: a few sizes (each provider's seed), a few slots each. */
const scratch = new Map<number, Uint8Array[]>();
