import { describe, expect, it } from 'vitest';
import { pyFromIsoFormat } from './fromisoformat';

// Each expectation is what CPython 3.12.1's datetime.fromisoformat answered (3.11.7 answers the
// same): [year, month, day, hour, minute, second, microsecond, utcoffset in µs or null], or null
// for ValueError.
const CASES: [string, (number | null)[] | null][] = [
  ['2020-01-01', [2020, 1, 1, 0, 0, 0, 0, null]],
  ['20200101', [2020, 1, 1, 0, 0, 0, 0, null]],
  ['2020-W01', [2019, 12, 30, 0, 0, 0, 0, null]],
  ['2020W011', [2019, 12, 30, 0, 0, 0, 0, null]],
  ['2020-W53-7', [2021, 1, 3, 0, 0, 0, 0, null]],
  ['2026-W53', [2026, 12, 28, 0, 0, 0, 0, null]],
  ['2015-W53-7', [2016, 1, 3, 0, 0, 0, 0, null]],
  ['2020-W01-1T10:00', [2019, 12, 30, 10, 0, 0, 0, null]],
  ['2020-01-01T00:00:00.Z', [2020, 1, 1, 0, 0, 0, 0, 0]],
  ['2020-01-01T00.Z', [2020, 1, 1, 0, 0, 0, 0, 0]],
  ['2020-01-01 00:00x+05:00', [2020, 1, 1, 0, 0, 0, 0, 18000000000]],
  ['2020-01-01T00:00:00.1234567x-03', [2020, 1, 1, 0, 0, 0, 123456, -10800000000]],
  ['2020-01-01T00:00:00:00', [2020, 1, 1, 0, 0, 0, 0, null]],
  ['2020-01-01é12:30', [2020, 1, 1, 12, 30, 0, 0, null]],
  ['2020-01-01x0000.5', [2020, 1, 1, 0, 0, 0, 500000, null]],
  ['2020-01-01T000000.5+0530', [2020, 1, 1, 0, 0, 0, 500000, 19800000000]],
  ['2020-01-01T00:00:00+05:30:15.5', [2020, 1, 1, 0, 0, 0, 0, 19815500000]],
  ['2020-01-01T00:00:00+24:00', null],
  ['2020-01-01T00:00:00.', null],
  ['2020-01-01T24:00', null],
  ['2020-01-01T00:00:00Z ', null],
  ['2020-01-01T00:00:00 Z', [2020, 1, 1, 0, 0, 0, 0, 0]],
  ['2020-1-1T00:00', null],
  ['2020-02-30', null],
  ['2020-01-01T00:00:00,5-00:00', [2020, 1, 1, 0, 0, 0, 500000, 0]],
  ['2020-01-01TZ', null],
  ['2020-01-01T', null],
  ['2020-001', null],
  ['2020-01-01T00:00:00.123456789012', [2020, 1, 1, 0, 0, 0, 123456, null]],
  // A lone surrogate is read as `T` where a separator stands, and refused anywhere else.
  ['2020-01-01\ud80012:00', [2020, 1, 1, 12, 0, 0, 0, null]],
  ['20200101\udc0012', [2020, 1, 1, 12, 0, 0, 0, null]],
  ['2020-01-01T12:0\ud800', null],
];

describe('pyFromIsoFormat (CPython 3.12 datetime.fromisoformat)', () => {
  it.each(CASES)('reads %j as CPython does', (value, expected) => {
    const got = pyFromIsoFormat(value);
    if (expected === null) {
      expect(got).toBeUndefined();
      return;
    }
    expect(got).toBeDefined();
    const { year, month, day, hour, minute, second, micro, offsetMicros } = got!;
    expect([year, month, day, hour, minute, second, micro, offsetMicros ?? null]).toEqual(expected);
  });
});
