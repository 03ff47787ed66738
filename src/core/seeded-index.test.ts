import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deferred, numericOrder, numericRanks } from './seeded-index';

/** The order by reading: positions sorted by value (-0 equal to 0), ties by position. */
function readOrder(values: number[]): number[] {
  return values.map((_, p) => p).sort((a, b) => values[a] - values[b] || a - b);
}

/** Numbers as orders meet them (instants and ids: never NaN), with repeats, -0 and 0. */
const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, 1.5, -1e300, 2 ** 53));

describe('numericOrder', () => {
  it('orders any numbers ascending, ties (and -0 with 0) by position', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        expect([...numericOrder(Float64Array.from(values))]).toEqual(readOrder(values));
      }),
    );
  });

  it('orders numbers already ascending, with repeats, as it orders any others (the one-pass path)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        const ascending = values.slice().sort((a, b) => a - b);
        expect([...numericOrder(Float64Array.from(ascending))]).toEqual(readOrder(ascending));
      }),
    );
  });
});

describe('numericRanks', () => {
  /** Each value's place among the distinct values, found by reading. */
  const readRanks = (values: number[]) => {
    const distinct = [...new Set(values.map((v) => v + 0))].sort((a, b) => a - b);
    return { rank: values.map((v) => distinct.indexOf(v + 0)), distinct: distinct.length };
  };

  it('ranks any numbers densely, equal values (-0 and 0 too) alike', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        const { rank, distinct } = numericRanks(Float64Array.from(values));
        expect({ rank: [...rank], distinct }).toEqual(readRanks(values));
      }),
    );
  });

  it('ranks numbers already ascending, with repeats, the same way (the one-pass path)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        const ascending = values.slice().sort((a, b) => a - b);
        const { rank, distinct } = numericRanks(Float64Array.from(ascending));
        expect({ rank: [...rank], distinct }).toEqual(readRanks(ascending));
      }),
    );
  });
});

describe('Deferred', () => {
  /** Steps that note each one taken, then give `n`. */
  function* counting(log: string[], n: number): Generator<void, number> {
    for (let i = 0; i < n; i++) {
      log.push(`step ${i}`);
      yield;
    }
    log.push('done');
    return n;
  }

  const until = async (ready: () => boolean) => {
    for (let waited = 0; !ready(); waited += 5) {
      if (waited > 5_000) throw new Error('never ready');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('is built at once by its first reader, and its slices then take no step more', async () => {
    const log: string[] = [];
    const deferred = new Deferred(counting(log, 3));
    expect(log).toEqual([]);
    expect(deferred.get()).toBe(3);
    expect(deferred.get()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log).toEqual(['step 0', 'step 1', 'step 2', 'done']);
  });

  it('lets go of its steps once built, and of what their frame held', async () => {
    // The collector, asked for in this process (vitest does not start it with --expose-gc).
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let held: WeakRef<object> | undefined;
    // A finished generator still holds its frame: here, scratch that a nested build read.
    function* steps(): Generator<void, number> {
      const scratch = new Float64Array(100_000);
      held = new WeakRef(scratch);
      const sorted = yield* (function* () {
        yield;
        return scratch.slice(0, 10);
      })();
      return sorted.length;
    }
    const deferred = new Deferred(steps());
    expect(deferred.get()).toBe(10);
    // A WeakRef's target lives to the end of the turn that made it; then nothing holds the scratch.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(held?.deref()).toBeUndefined();
    expect(deferred.get()).toBe(10);
  });

  it('is built in slices soon after the seed when nobody reads it first, once', async () => {
    const log: string[] = [];
    const deferred = new Deferred(counting(log, 50));
    await until(() => log.includes('done'));
    expect(deferred.get()).toBe(50);
    expect(log.filter((line) => line === 'done')).toHaveLength(1);
    expect(log).toHaveLength(51);
  });
});
