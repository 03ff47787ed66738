/** Plain-text tables for the terminal and the README: text columns left-aligned, figures right-aligned. */

export interface TableSpec {
  /** Optional group titles over runs of columns: `[title, span]`, spans adding up to the column count. */
  groups?: [string, number][];
  header: string[];
  /** How many leading columns hold text (left-aligned). */
  textColumns: number;
  rows: string[][];
}

export function renderTable({ groups, header, textColumns, rows }: TableSpec): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  if (groups) {
    // Widen the last column of a group whose title is longer than its columns together.
    let at = 0;
    for (const [title, span] of groups) {
      const width = widths.slice(at, at + span).reduce((a, b) => a + b, 0) + 2 * (span - 1);
      if (title.length > width) widths[at + span - 1] += title.length - width;
      at += span;
    }
  }
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const lines: string[] = [];
  if (groups) {
    let at = 0;
    const parts: string[] = [];
    for (const [title, span] of groups) {
      const width = widths.slice(at, at + span).reduce((a, b) => a + b, 0) + 2 * (span - 1);
      parts.push(title ? title.padEnd(width, ' ') : ' '.repeat(width));
      at += span;
    }
    lines.push(parts.join('  ').trimEnd());
  }
  lines.push(format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format));
  return lines.join('\n');
}

/** A figure with fixed decimals, or a dash when there is none. */
export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** Milliseconds with two decimals below 100 ms, whole above. */
export function ms(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value < 100 ? value.toFixed(2) : value.toFixed(0);
}

/** Milliseconds, marked `≥` when the figure is only a lower bound. */
export function msAtLeast(value: number | undefined, atLeast: boolean): string {
  const text = ms(value);
  return atLeast && text !== '—' ? `≥${text}` : text;
}
