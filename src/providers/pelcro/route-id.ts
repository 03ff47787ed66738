/**
 * The record id a route parameter names, as route-model binding finds it: Laravel hands the
 * decoded text to `where('id', $text)`, and the database compares that text with an integer column.
 * SQLite converts a text that is a whole numeric literal (whitespace around it, a sign, a fraction,
 * an exponent: `sqlite3AtoF`) and compares the numbers, so `01`, `1.0`, `1e0`, `+1`, ` 1`, `.1e1`
 * and `1.00000000000000001` all find record 1, while `1.5`, `0x1` and `1abc` find nothing. Checked
 * side by side with a Laravel app on SQLite. MySQL converts these the same way, and goes further
 * (`1abc` is 1 there, with a warning): which database Pelcro runs is a **guess**, so the mock keeps
 * to what both agree on.
 */
// Written without two ways to match one digit, so a long text cannot make it backtrack.
const NUMERIC_TEXT = /^[ \t\n\v\f\r]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\v\f\r]*$/;

/** The id `text` finds, or undefined when it names no record the mock could hold. */
export function routeId(text: string): number | undefined {
  // Fast path: plain digits, the id every client sends.
  if (/^[1-9]\d{0,14}$/.test(text)) return Number(text);
  if (!NUMERIC_TEXT.test(text)) return undefined;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
