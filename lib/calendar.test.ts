import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from './calendar';

const DAY = 86_400;

describe('civil days', () => {
  it('round-trips every day from 1600 to 2400 and agrees with Date.UTC', () => {
    const wrong: number[] = [];
    for (let days = daysFromCivil(1600, 1, 1); days <= daysFromCivil(2400, 12, 31); days += 1) {
      const { year, month, day } = civilFromDays(days);
      if (daysFromCivil(year, month, day) !== days || Date.UTC(year, month - 1, day) / 1000 / DAY !== days) wrong.push(days);
    }
    expect(wrong).toEqual([]);
  });
});
