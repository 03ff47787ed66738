/**
 * Text helpers that stay linear in their input. A RegExp such as `/\s+$/` is quadratic in a run
 * of the class followed by anything else (the engine tries the run from every position in it),
 * so a request of 400,000 spaces could hold the event loop for most of a minute. These loops
 * look at each character once.
 */

/** `value` without the runs of `ch` (one code unit) at its start and/or its end. */
export function trimChar(value: string, ch: string, ends: 'start' | 'end' | 'both' = 'both'): string {
  const code = ch.charCodeAt(0);
  let start = 0;
  let end = value.length;
  if (ends !== 'end') while (start < end && value.charCodeAt(start) === code) start++;
  if (ends !== 'start') while (end > start && value.charCodeAt(end - 1) === code) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
