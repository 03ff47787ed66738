import { describe, expect, it } from 'vitest';
import { LONGEST_WAIT_MS, noteRequest, QUIET_MS, runInSlices, SlicedBuild } from './slices';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the thread for `ms`, as a step of a build does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

/** A build of `count` steps of `ms` each, noting when each step ran. */
function* build(count: number, ms: number, ranAt: number[]): Generator<void, void> {
  for (let k = 0; k < count; k++) {
    ranAt.push(performance.now());
    busy(ms);
    yield;
  }
}

describe('runInSlices', () => {
  it('gives builds running at once one slice a turn between them, not one each', async () => {
    // Each step takes 0.5 ms and a slice is 1 ms, so at most two steps run in any turn of the
    // loop, however many builds are under way (Piriod's orders, its zone offsets and Pelcro's
    // orders, at start). Each taking its own slice, two builds ran four steps a turn.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const stepsByTurn = new Map<number, number>();
    function* counted(): Generator<void, void> {
      for (let k = 0; k < 12; k++) {
        stepsByTurn.set(turn, (stepsByTurn.get(turn) ?? 0) + 1);
        busy(0.5);
        yield;
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    runInSlices(counted());
    runInSlices(counted());
    await sleep(80);
    ticking = false;
    expect([...stepsByTurn.values()].reduce((a, b) => a + b)).toBe(24);
    expect(Math.max(...stepsByTurn.values())).toBeLessThanOrEqual(2);
  });

  it('takes no step while requests come in, and the whole build once they stop', async () => {
    const ranAt: number[] = [];
    noteRequest();
    const noted = performance.now();
    runInSlices(build(5, 0.1, ranAt));
    expect(ranAt).toEqual([]); // a build begun just after a request waits for quiet
    await sleep(QUIET_MS + 40);
    expect(ranAt).toHaveLength(5);
    expect(ranAt[0] - noted).toBeGreaterThanOrEqual(QUIET_MS - 1);
  });

  it('still takes a slice now and then under steady requests, so the build ends', async () => {
    // A request every millisecond for 300 ms: steps of 0.2 ms would fill some 1,200 turns' worth
    // of slices if nothing held them; with slices held for quiet, one runs every LONGEST_WAIT_MS.
    const ranAt: number[] = [];
    const requests = setInterval(noteRequest, 1);
    noteRequest();
    const started = performance.now();
    runInSlices(build(2_000, 0.2, ranAt));
    await sleep(300);
    clearInterval(requests);
    const during = ranAt.filter((t) => t < started + 300);
    expect(during.length).toBeGreaterThan(0);
    // At most a slice (1 ms: five steps, or a sixth begun before its end) per wait, and one more.
    expect(during.length).toBeLessThanOrEqual(6 * (300 / LONGEST_WAIT_MS + 2));
    // Once quiet, the rest runs in slices: some 400 ms of steps, which take longer on a busy
    // machine; the test waits for the end, up to a bound, rather than for a guessed time.
    const deadline = performance.now() + 10_000;
    while (ranAt.length < 2_000 && performance.now() < deadline) await sleep(50);
    expect(ranAt).toHaveLength(2_000);
  });

  it('keeps a slice taken under steady requests to a quarter of a millisecond', async () => {
    // Steps of 0.1 ms: a whole slice (1 ms) runs ten in a row, a slice under traffic three, or a
    // fourth begun just before its end. A busy machine can only make a slice hold fewer.
    const ranAt: number[] = [];
    const requests = setInterval(noteRequest, 1);
    noteRequest();
    runInSlices(build(400, 0.1, ranAt));
    await sleep(4 * LONGEST_WAIT_MS);
    clearInterval(requests);
    const during = [...ranAt]; // the steps taken while the requests came
    expect(during.length).toBeGreaterThan(0);
    // Steps of one slice follow each other at once; slices are LONGEST_WAIT_MS apart.
    let longest = 0;
    let run = 0;
    for (let k = 0; k < during.length; k++) {
      run = k > 0 && during[k] - during[k - 1] < 1 ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(4);
    // The rest of the build runs once quiet; waited for, so its steps do not run into the next test.
    const deadline = performance.now() + 10_000;
    while (ranAt.length < 400 && performance.now() < deadline) await sleep(20);
  });
});

describe('SlicedBuild', () => {
  /** A build of `count` steps returning `value`, counting the steps it ran and how often it was made. */
  function counted(count: number, value: string) {
    const stats = { made: 0, steps: 0 };
    const make = function* (): Generator<void, string> {
      stats.made++;
      for (let k = 0; k < count; k++) {
        stats.steps++;
        busy(0.3);
        yield;
      }
      return value;
    };
    return { stats, build: new SlicedBuild(make) };
  }

  it('builds at once when asked before any slice', () => {
    const { stats, build } = counted(5, 'v');
    expect(build.done).toBe(false);
    expect(build.now()).toBe('v');
    expect(build.done).toBe(true);
    expect(stats).toEqual({ made: 1, steps: 5 });
  });

  it('builds in slices when started soon, and resolves ready with nothing asked', async () => {
    const { stats, build } = counted(40, 'v');
    build.soon();
    expect(build.done).toBe(false);
    await build.ready;
    expect(build.done).toBe(true);
    expect(build.now()).toBe('v');
    expect(stats).toEqual({ made: 1, steps: 40 });
  });

  it('is finished by the first asker from where the slices left it: no step runs twice', async () => {
    const { stats, build } = counted(200, 'v');
    build.soon();
    await sleep(5);
    const before = stats.steps;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(200);
    expect(build.now()).toBe('v');
    expect(stats).toEqual({ made: 1, steps: 200 });
    await build.ready;
    await sleep(5);
    expect(stats.steps).toBe(200);
  });

  it('starts once however often it is asked to start', async () => {
    const { stats, build } = counted(10, 'v');
    build.soon();
    build.soon();
    await build.ready;
    build.soon();
    await sleep(5);
    expect(stats).toEqual({ made: 1, steps: 10 });
  });
});
