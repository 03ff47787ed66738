/**
 * The time bound of an answer, checked without flakiness on a busy machine: a request over the
 * bound is sent again, and only its fastest of three runs counts. A super-linear path stays slow
 * on every run; a garbage-collection pause or a busy neighbour does not.
 */
export const ANSWER_BOUND_MS = 100;

export async function fastestOf<T>(runs: number, act: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = await act();
    const ms = performance.now() - start;
    if (ms < best) best = ms;
    if (best <= ANSWER_BOUND_MS) break;
  }
  return { ms: best, value };
}
