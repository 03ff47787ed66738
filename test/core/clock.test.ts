import { describe, expect, it } from 'vitest';
import { createClock, parseInstantMicros } from '../../src/core/clock';
import { createRng, randomId } from '../../src/core/random';

describe('createClock', () => {
  it('never returns the same instant twice when live', () => {
    const clock = createClock();
    const ticks = Array.from({ length: 1000 }, () => clock.tick());
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
  });

  it('starts at the frozen instant and advances one second per tick', () => {
    const start = parseInstantMicros('2026-01-01T12:00:00Z')!;
    const clock = createClock(start);
    expect([clock.tick(), clock.tick()]).toEqual([start, start + 1_000_000]);
  });
});

describe('parseInstantMicros', () => {
  it.each([
    ['2020-10-15T13:26:15.356289-03:00', Date.UTC(2020, 9, 15, 16, 26, 15) * 1000 + 356289],
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1) * 1000],
    ['2026-01-01T00:00:00.5+01:00', (Date.UTC(2026, 0, 1) - 3_600_000) * 1000 + 500_000],
  ])('reads %s to the microsecond', (iso, micros) => {
    expect(parseInstantMicros(iso)).toBe(micros);
  });

  it.each(['2026-01-01', '2026-01-01T00:00:00', 'yesterday', '2026-13-01T00:00:00Z'])('refuses %s', (iso) => {
    expect(parseInstantMicros(iso)).toBeUndefined();
  });
});

describe('createRng / randomId', () => {
  it('repeats the same ids for the same seed and differs for another', () => {
    const a = createRng('7:token');
    const b = createRng('7:token');
    const c = createRng('8:token');
    const ids = (rng: () => number) => [randomId(rng, 'cus_', 20), randomId(rng, 'cus_', 20)];
    const first = ids(a);
    expect(ids(b)).toEqual(first);
    expect(ids(c)).not.toEqual(first);
    expect(first[0]).toMatch(/^cus_[A-Za-z0-9]{20}$/);
  });
});
