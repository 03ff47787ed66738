/**
 * DRF 3.15's SearchFilter terms (rest_framework/filters.py `search_smart_split`), built on
 * Django's `smart_split` and `unescape_string_literal` (django/utils/text.py): whitespace splits,
 * quotes keep a phrase together, commas split what is not quoted.
 */
import { PY_WHITESPACE, pyStrip } from './python';
import { trimChar } from '../text';

const WS = PY_WHITESPACE.replace(/[\s\S]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
// Django's smart_split_re; Python's `.` does not match a newline.
const SMART_SPLIT = new RegExp(
  `((?:[^${WS}'"]*(?:(?:"(?:[^"\\\\]|\\\\[^\\n])*"|'(?:[^'\\\\]|\\\\[^\\n])*')[^${WS}'"]*)+)|[^${WS}]+)`,
  'gu',
);

function unescapeStringLiteral(s: string): string {
  const quote = s[0];
  return s.slice(1, -1).split(`\\${quote}`).join(quote).split('\\\\').join('\\');
}

function stripCommas(s: string): string {
  return trimChar(s, ',');
}

export function searchTerms(value: string): string[] {
  const terms: string[] = [];
  for (const match of value.matchAll(SMART_SPLIT)) {
    const term = stripCommas(match[0]);
    if ((term.startsWith('"') || term.startsWith("'")) && term[0] === term[term.length - 1]) {
      terms.push(unescapeStringLiteral(term));
    } else {
      for (const sub of term.split(',')) if (sub) terms.push(pyStrip(sub));
    }
  }
  return terms;
}
