/**
 * Deterministic randomness for ids and sandboxes. Math.random is never used: the same seed and the
 * same sequence of requests must give byte-identical responses.
 */

/** cyrb128: a fast string hash that yields four 32-bit seeds. */
function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded generator of floats in [0, 1) (sfc32). */
export type Rng = () => number;

/** A generator whose position can be saved and taken up again (a snapshot keeps a sandbox's ids repeating). */
export interface SeededRng extends Rng {
  state(): [number, number, number, number];
  restore(state: readonly number[]): void;
}

export function createRng(seed: string | number): SeededRng {
  // SeekableRng's steps, with the state read and written as a snapshot keeps it.
  const rng = new SeekableRng(seed);
  const state = new Uint32Array(4);
  return Object.assign(rng.next, {
    state(): [number, number, number, number] {
      rng.save(state, 0);
      return [state[0], state[1], state[2], state[3]];
    },
    restore(saved: readonly number[]) {
      rng.restore(Uint32Array.from(saved), 0);
    },
  });
}

/**
 * The generator (sfc32, seeded by cyrb128) with its state kept in view, so a run can be
 * resumed from any point saved with `save`: a large seed keeps one 16-byte state per record and
 * rebuilds a record by replaying its draws, byte for byte, instead of keeping it in memory.
 */
export class SeekableRng {
  private readonly s = new Uint32Array(4);
  readonly next: Rng;

  constructor(seed: string | number) {
    this.s.set(cyrb128(String(seed)));
    const s = this.s;
    this.next = () => {
      let a = s[0];
      let b = s[1];
      let c = s[2];
      let d = s[3];
      let t = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      t = (t + d) | 0;
      c = (c + t) | 0;
      s[0] = a;
      s[1] = b;
      s[2] = c;
      s[3] = d;
      return (t >>> 0) / 4294967296;
    };
  }

  /** Writes the state at `into[at…at+3]`. */
  save(into: Uint32Array, at: number): void {
    into.set(this.s, at);
  }

  /** Resumes from a state saved at `from[at…at+3]`. */
  restore(from: Uint32Array, at: number): void {
    this.s.set(from.subarray(at, at + 4));
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * One array of character codes per length, reused: a text built by `String.fromCharCode.apply`
 * over it is one flat string, and the array itself is not allocated again for every id or number
 * a seed draws (at 100,000 customers those arrays were a tenth of what seeding allocates, each
 * one more object for the young generation's collections to sweep).
 */
const scratch: number[][] = [];

/** A reused array of `length` character codes, to be filled and passed to `textOf` at once. */
export function charCodes(length: number): number[] {
  let codes = scratch[length];
  if (codes === undefined) {
    codes = new Array<number>(length).fill(0);
    if (length <= 64) scratch[length] = codes;
  }
  return codes;
}

/** The text of `codes` (from `charCodes`), as one flat string. */
export function textOf(codes: number[]): string {
  return String.fromCharCode.apply(null, codes);
}

/**
 * `prefix` followed by `length` letters and digits drawn from `rng`. Built from character codes in
 * one step: appending a character at a time leaves V8 a chain of cons-strings per id (~30 bytes a
 * link), which was the largest share of a big seed's heap.
 */
export function randomId(rng: Rng, prefix: string, length: number): string {
  const codes = charCodes(prefix.length + length);
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = prefix.length; i < codes.length; i++) codes[i] = ALPHANUMERIC.charCodeAt(Math.floor(rng() * ALPHANUMERIC.length));
  return textOf(codes);
}
