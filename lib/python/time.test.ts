import { describe, expect, it } from 'vitest';
import { offsetMinutesAt, parseDjangoDateTime, renderInstant, toInstantMicros, warmOffsetSteps } from './time';

describe('time in America/Santiago', () => {
  it("renders instants with the season's offset and Python's isoformat rules", () => {
    expect(renderInstant(Date.parse('2020-10-15T16:26:15.356Z') * 1000 + 289)).toBe('2020-10-15T13:26:15.356289-03:00');
    expect(renderInstant(Date.parse('2024-07-01T12:00:00Z') * 1000)).toBe('2024-07-01T08:00:00-04:00');
    expect(renderInstant(Date.parse('2024-07-01T12:00:00Z') * 1000 + 10)).toBe('2024-07-01T08:00:00.000010-04:00');
  });

  it.each([
    ['2024-01-01', '2024-01-01T00:00:00-03:00'],
    ['2024-07-01T10:00', '2024-07-01T10:00:00-04:00'],
    ['2024-07-01 10:00:00.5+02:00', '2024-07-01T04:00:00.500000-04:00'],
    ['20240701T1000Z', '2024-07-01T06:00:00-04:00'],
    ['2024-7-1T9:5', '2024-07-01T09:05:00-04:00'],
  ])('reads %j as Django does', (value, rendered) => {
    const fields = parseDjangoDateTime(value);
    expect(fields).toBeDefined();
    expect(renderInstant(toInstantMicros(fields!)!)).toBe(rendered);
  });

  it.each(['', 'x', '2024-13-01', '2024-02-30', '2024-01-01T25:00', '2024-01-01T', '2024-01-01T10:00+24:00'])('refuses %j', (value) => {
    expect(parseDjangoDateTime(value)).toBeUndefined();
  });

  it('finds no single instant for wall times Santiago skips or repeats', () => {
    expect(toInstantMicros(parseDjangoDateTime('2024-09-08T00:30')!)).toBeUndefined();
    expect(toInstantMicros(parseDjangoDateTime('2024-04-06T23:30')!)).toBeUndefined();
    expect(toInstantMicros(parseDjangoDateTime('2024-04-06T22:30')!)).toBeDefined();
  });

  it('gives every hour of a year its offset as the zone rules do, once its days were looked up ahead', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Santiago', timeZoneName: 'longOffset' });
    const ruled = (ms: number) => {
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(format.format(new Date(ms)))!;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    };
    const from = Date.parse('2023-01-01T00:00:00Z');
    const to = Date.parse('2024-12-31T23:00:00Z');
    for (const _ of warmOffsetSteps(from, to));
    const wrong: string[] = [];
    for (let ms = from; ms <= to; ms += 3_600_000) {
      // Each hour's first and last minute: Santiago changes on whole UTC hours.
      for (const at of [ms, ms + 3_599_999]) if (offsetMinutesAt(at) !== ruled(at)) wrong.push(new Date(at).toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
