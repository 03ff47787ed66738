/**
 * Work done in the background (the orders and lookups built just after a seed), taken in short
 * slices between the requests and set aside while requests keep coming, so a client of a freshly
 * started mock is answered at the pace of an idle one. What a request needs before then, it builds
 * itself (`Deferred.get`, `SeededIndex.ensure`).
 */

/**
 * How long a slice runs before the loop polls again: a request that comes in meanwhile waits for
 * the rest of one slice. With 3 ms, a new sandbox's first list right after start took up to 4-5 ms;
 * with 2 ms, 3-4 ms and 8 ms at times (bench:scale, 100,000 customers).
 */
const SLICE_MS = 1;

/**
 * How long a slice runs when it is taken under steady traffic (LONGEST_WAIT_MS passed without
 * quiet): a client sending one request after another meets it at any moment, so it is kept short.
 * With SLICE_MS there too, at 100,000 customers, a new sandbox's first list that came in during
 * one waited for it (1.0-1.25 ms in the requests traced that were slowest, beside a collection).
 */
const BUSY_SLICE_MS = 0.25;

/**
 * How long after a request the slices wait before they go on: a client sending one request after
 * another (a test run, a page loading its lists) is not held by a slice between two of them.
 */
export const QUIET_MS = 5;

/** The longest the slices wait for quiet: under steady traffic one still runs this often, so builds end. */
export const LONGEST_WAIT_MS = 50;

/** Builds waiting for their next slice, oldest first, and whether a slice (or a wait) is due. */
const queue: Iterator<void>[] = [];
let due = false;
let lastRequest = Number.NEGATIVE_INFINITY;
/** When the slices began to wait for quiet, while they wait. */
let waitingSince: number | undefined;

/**
 * A request came in, its handler returned, or a connection was accepted (src/core/traffic.ts,
 * src/core/server.ts): the slices wait until QUIET_MS have passed without any of them.
 */
export function noteRequest(): void {
  lastRequest = performance.now();
}

/**
 * Takes `steps` in slices of SLICE_MS with a poll of the event loop between them, so work done
 * after a seed never holds a request for more than a slice. Every build shares the same slices:
 * each with its own (Piriod's orders, its zone offsets, Pelcro's orders, all after one start) held
 * a request for one slice of each, 9 ms and more, in the same turn of the loop.
 */
export function runInSlices(steps: Iterator<void>): void {
  queue.push(steps);
  if (!due) takeSlice();
}

function takeSlice(): void {
  due = true;
  const started = performance.now();
  const quietIn = lastRequest + QUIET_MS - started;
  if (quietIn > 0) {
    waitingSince ??= started;
    const waitLeft = waitingSince + LONGEST_WAIT_MS - started;
    if (waitLeft > 0) {
      setTimeout(takeSlice, Math.min(quietIn, waitLeft));
      return;
    }
  }
  waitingSince = undefined;
  const length = quietIn > 0 ? BUSY_SLICE_MS : SLICE_MS;
  try {
    while (queue.length > 0 && performance.now() - started < length) {
      if (queue[0].next().done) queue.shift();
    }
  } catch (error) {
    queue.shift();
    throw error;
  } finally {
    if (queue.length > 0) setImmediate(takeSlice);
    else due = false;
  }
}

/**
 * A value built by `steps` in slices soon (`soon`), or at once when first needed (`now`), whichever
 * comes first: a request that needs it while the slices are still at work finishes the build
 * itself, from where the slices left it. `ready` resolves once it is built, either way.
 */
export class SlicedBuild<T> {
  private value: T | undefined;
  private built = false;
  /** The build under way in slices, if any. */
  private steps: Iterator<void, T> | undefined;
  private resolveReady!: () => void;
  readonly ready = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  constructor(private readonly make: () => Iterator<void, T>) {}

  get done(): boolean {
    return this.built;
  }

  /** The value, built now if it is not yet (taking over a build in slices). */
  now(): T {
    if (!this.built) {
      const steps = this.steps ?? this.make();
      this.steps = undefined;
      for (;;) {
        const step = steps.next();
        if (step.done) {
          this.store(step.value);
          break;
        }
      }
    }
    return this.value as T;
  }

  /** Starts building in slices (src/core/slices.ts runInSlices), unless built or started. */
  soon(): void {
    if (this.built || this.steps) return;
    const steps = this.make();
    this.steps = steps;
    runInSlices(this.sliced(steps));
  }

  private *sliced(steps: Iterator<void, T>): Generator<void, void> {
    // Stops when `now` has taken the build over.
    while (this.steps === steps) {
      const step = steps.next();
      if (step.done) {
        this.steps = undefined;
        this.store(step.value);
        return;
      }
      yield;
    }
  }

  private store(value: T): void {
    this.value = value;
    this.built = true;
    this.resolveReady();
  }
}
