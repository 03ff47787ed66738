import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetMinutesAt, parseDjangoDateTime, renderInstant, toInstantMicros, warmOffsetSteps } from './time';

/**
 * renderInstant as first written, plainly: padStart for every number, the civil date as an array.
 * The table-driven one must write the same text for any instant.
 */
function plainRender(micros: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const ms = Math.floor(micros / 1000);
  const offset = offsetMinutesAt(ms);
  const localSeconds = Math.floor(ms / 1000) + Math.round(offset * 60);
  const days = Math.floor(localSeconds / 86400);
  const secondOfDay = localSeconds - days * 86400;
  const date = new Date(days * 86400000);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const us = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  const abs = Math.round(Math.abs(offset) * 60);
  const seconds = abs % 60;
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}:${pad(secondOfDay % 60)}` +
    (us === 0 ? '' : `.${pad(us, 6)}`) +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${seconds ? `:${pad(seconds)}` : ''}`
  );
}

describe('time in America/Santiago', () => {
  it('renders any instant from year 1 to 9999 as the plain rendering does (LMT offsets with seconds included)', () => {
    const first = -62135596800000000;
    const last = 253402214400000000;
    fc.assert(
      fc.property(
        fc.integer({ min: first / 1000, max: last / 1000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        (ms, extra, whole) => {
          const micros = whole ? Math.floor(ms / 1000) * 1_000_000 : ms * 1000 + extra;
          expect(renderInstant(micros)).toBe(plainRender(micros));
        },
      ),
      { numRuns: 2000 },
    );
    // Around the zone's changes: 1927's end of local mean time, and a recent season's both ends.
    for (const iso of [
      '1927-09-01T04:42:46Z',
      '1927-09-01T04:42:45Z',
      '2024-09-08T04:00:00Z',
      '2024-04-07T02:59:59.999999Z',
      '0999-12-31T23:59:59Z',
    ]) {
      const micros = Date.parse(iso) * 1000;
      expect(renderInstant(micros)).toBe(plainRender(micros));
    }
  });

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
    // fromisoformat's C reader: a decimal mark with no digits before a zone, any separator, a
    // zone with seconds and a fraction (kept to the microsecond), an ISO week date.
    ['2024-07-01T10:00:00.Z', '2024-07-01T06:00:00-04:00'],
    ['2024-07-01x10+02:00', '2024-07-01T04:00:00-04:00'],
    ['2024-07-01T10:00:00+00:00:00.000001', '2024-07-01T05:59:59.999999-04:00'],
    ['2024-W27-1T10:00', '2024-07-01T10:00:00-04:00'],
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

  // Python's zoneinfo over tzdata (Django 4.2's from_current_timezone): the mean time's changes
  // fall at its own midnight, 42 min 45 s past a UTC hour.
  it.each([
    ['1910-01-09T23:50', undefined],
    ['1910-01-10T00:00', '1910-01-10T05:00:00Z'],
    ['1927-08-31T23:59:59', '1927-09-01T04:42:44Z'],
    ['1927-09-01T00:00', undefined],
    ['1927-09-01T00:42:44', undefined],
    ['1927-09-01T00:42:45', '1927-09-01T04:42:45Z'],
    ['1918-09-10T00:30', undefined],
    ['1916-07-01T00:10', undefined],
    ['1916-06-30T23:50', '1916-07-01T04:50:00Z'],
  ])('reads the historic wall time %s as zoneinfo does', (wall, instant) => {
    const micros = toInstantMicros(parseDjangoDateTime(wall)!);
    expect(micros === undefined ? undefined : new Date(micros / 1000).toISOString().replace('.000', '')).toBe(instant);
  });

  it('renders an instant just after a change of the mean time with the new offset', () => {
    expect(renderInstant(Date.parse('1910-01-10T04:50:00Z') * 1000)).toBe('1910-01-09T23:50:00-05:00');
    expect(renderInstant(Date.parse('1927-09-01T04:50:00Z') * 1000)).toBe('1927-09-01T00:50:00-04:00');
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
