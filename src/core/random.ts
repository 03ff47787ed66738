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
  let [a, b, c, d] = cyrb128(String(seed));
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  return Object.assign(next, {
    state: (): [number, number, number, number] => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    restore(state: readonly number[]) {
      [a, b, c, d] = state;
    },
  });
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` followed by `length` letters and digits drawn from `rng`. */
export function randomId(rng: Rng, prefix: string, length: number): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[Math.floor(rng() * ALPHANUMERIC.length)];
  return out;
}
