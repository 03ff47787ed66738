/**
 * Time for one sandbox, in microseconds since the Unix epoch (Piriod renders microseconds;
 * Pelcro truncates to seconds).
 *
 * - Live: wall-clock time, made strictly increasing so that `updated` always moves on a write
 *   even when two writes land in the same microsecond.
 * - Frozen (`--freeze-time`): starts at the given instant and advances exactly one second per
 *   call, so a replayed sequence of writes yields the same timestamps on every run while
 *   `updated` still moves on every write.
 */
export interface Clock {
  /** The time of a write: call once per write and use the value for every field it stamps. */
  tick(): number;
  /** What the clock has reached (µs): enough for `restore` to go on from there after a restart. */
  state(): number;
  /** Goes on from a `state()`, never backwards. */
  restore(state: number): void;
}

export const MICROS_PER_SECOND = 1_000_000;

export function createClock(frozenAtMicros?: number): Clock {
  if (frozenAtMicros !== undefined) {
    let next = frozenAtMicros;
    return {
      tick() {
        const now = next;
        next += MICROS_PER_SECOND;
        return now;
      },
      state: () => next,
      restore(state) {
        next = Math.max(next, state);
      },
    };
  }
  let last = 0;
  return {
    tick() {
      const wall = Math.round((performance.timeOrigin + performance.now()) * 1000);
      last = Math.max(wall, last + 1);
      return last;
    },
    state: () => last,
    restore(state) {
      last = Math.max(last, state);
    },
  };
}

/** Parses an ISO 8601 instant (offset required) into microseconds; undefined when invalid. */
export function parseInstantMicros(iso: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}
