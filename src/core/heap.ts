/**
 * How far the served process lets its heap grow past what it holds before collecting it whole.
 *
 * V8 picks that factor itself, up to 4× when collecting is fast. A client walking a seeded
 * account's pages at random makes records that die old (rebuilt, rendered, sent), and V8 let the
 * heap grow from 65 MB live to 240 MB before a full collection. At 10,000 customers per provider
 * a walk over random pages peaked at 377-379 MB RSS without the bound and 247-251 MB with it, at
 * the same speed (builds alternated), and `npm run bench:scale`'s peak there went from 402 MB to
 * 260 MB; at 100,000 the peak was the same either way.
 *
 * A factor of 1.3, not 1.5: at 100,000 customers a walk of new filter combinations (bench:scale's
 * last rows) churns through columns, marks and pages, and with 1.5 the peak RSS reached 409, 414 and
 * 503 MB over three runs (after warm-up 309-328 MB); with 1.3, 395, 387 and 400 MB, at the same p99s
 * (the builds alternated; each run's latencies within the other's spread).
 *
 * `serve` sets it once the seeds are built: set at start, it slowed the seeds (the second first
 * answer at 100,000 customers came 0.1 s later). V8 reads the flag each time it sets the next
 * limit, so setting it while the process runs takes effect.
 *
 * The seeds get a factor of their own, 1.6, set before they are built: with V8's own, the start at
 * 100,000 customers per provider peaked at 390-393 MB RSS in one start of three (a full collection
 * put off while the Pelcro seed was built) and 247-252 MB otherwise; with 1.6, at 231-302 MB over
 * eleven starts, the first answers as soon (Pelcro's 2.00-2.20 s against 1.96-2.22 s, alternated
 * starts on a busy machine; 1.6-1.7 s on a quiet one). 2.0 kept them at 238-243 MB but 0.1-0.2 s later.
 *
 * Setting it is not enough: V8 applies a factor when a full collection sets the next limit, and the
 * last one before it was set ran during the seed, with V8's own factor. That limit stayed in force
 * until the heap reached it: at 100,000 customers per provider, random page walks right after the
 * start took RSS to 380-412 MB before the first full collection (npm run bench:scale's peak, 412
 * MB). So one full collection follows, on the next turn of the loop (the first answers, already
 * rendered, are written first): it took 41-73 ms, and the same walks then peaked at 287-317 MB.
 * `gc` comes from a context made after `--expose-gc` is set, the one way to ask for a collection
 * in a process not started with that flag.
 *
 * Only the `serve` command sets it: it owns its process. An app made by `createApp` or
 * `createMock` lives in its caller's process, whose engine settings are the caller's.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const FLAG = '--heap-growing-percent';
/** Growth past the live heap before a full collection, in percent: a factor of 1.3. */
export const HEAP_GROWING_PERCENT = 30;
/** The factor while the seeds are built: 1.6. */
export const SEED_GROWING_PERCENT = 60;

/** Whether the process was started with a factor of its own (execArgv or NODE_OPTIONS): then it is left alone. */
function factorGiven(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replace(/_/g, '-').startsWith(FLAG));
}

/** Sets the seed's factor before the seed is built, unless the process was started with one. */
export function boundSeedGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if (factorGiven(execArgv, nodeOptions)) return false;
  v8.setFlagsFromString(`${FLAG}=${SEED_GROWING_PERCENT}`);
  return true;
}

/**
 * Sets the factor unless the process was started with one of its own (execArgv or NODE_OPTIONS),
 * then has `collect` run once on the next turn of the loop, so the factor sets the next limit.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  collect: () => void = collectGarbage,
): boolean {
  if (factorGiven(execArgv, nodeOptions)) return false;
  v8.setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  setImmediate(collect);
  return true;
}

/** One full collection, in a process not started with `--expose-gc`. */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
