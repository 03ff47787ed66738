/**
 * Text helpers that stay linear in their input. A RegExp such as `/\s+$/` is quadratic in a run
 * of the class followed by anything else (the engine tries the run from every position in it),
 * so a request of 400,000 spaces could hold the event loop for most of a minute. These loops
 * look at each character once.
 */

/**
 * A trimmer that removes, from both ends, the characters of a one-character class of the Basic
 * Multilingual Plane, e.g. `/[\s\uFEFF]/u`. The class is evaluated once per code unit (65,536
 * tests, on first use) into a table.
 */
export function edgeTrimmer(charClass: RegExp): (value: string) => string {
  let table: Uint8Array | undefined;
  const single = new RegExp(`^(?:${charClass.source})$`, charClass.flags.replace(/[gy]/g, ''));
  const build = (): Uint8Array => {
    const out = new Uint8Array(0x10000);
    // Surrogate halves are never members: a class of BMP characters cannot hold a half of a pair.
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (single.test(String.fromCharCode(code))) out[code] = 1;
    }
    return out;
  };
  return (value) => {
    if (!table) table = build();
    const member = table;
    let start = 0;
    let end = value.length;
    while (start < end && member[value.charCodeAt(start)] === 1) start++;
    while (end > start && member[value.charCodeAt(end - 1)] === 1) end--;
    return start === 0 && end === value.length ? value : value.slice(start, end);
  };
}

/** `value` without the runs of `ch` (one code unit) at its start and/or its end. */
export function trimChar(value: string, ch: string, ends: 'start' | 'end' | 'both' = 'both'): string {
  const code = ch.charCodeAt(0);
  let start = 0;
  let end = value.length;
  if (ends !== 'end') while (start < end && value.charCodeAt(start) === code) start++;
  if (ends !== 'start') while (end > start && value.charCodeAt(end - 1) === code) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
