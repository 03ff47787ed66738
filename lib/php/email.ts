/**
 * Laravel's `email` rule without parameters, i.e. `email:rfc`: Validator::validateEmail runs
 * egulias/email-validator's RFCValidation (EmailLexer, Parser/LocalPart.php, Parser/DomainPart.php;
 * egulias 3/4, Laravel 8–11). Warnings never fail it, so `a@b` (no TLD), `a@123` and `ñoño@…` pass.
 *
 * A port of the grammar the parser accepts for the addresses clients send: a dot-atom or one quoted
 * string as the local part; a domain of labels or a `[…]` literal. Not ported (refused here, accepted
 * by egulias): comments such as `a(comment)@b.c` and folding white space.
 */
import { domainToASCII } from 'node:url';

/** EmailLexer::INVALID_CHARS_REGEX: a character that is all Symbol or Other (controls included) is an invalid token… */
const SYMBOL_OR_OTHER = /^[\p{S}\p{C}]$/u;
/** …unless the lexer names it (EmailLexer::$charValue), as it does these ASCII symbols. */
const NAMED_SYMBOLS = new Set('{}<>`^$~|=+'.split(''));
/** Tokens LocalPart::INVALID_TOKENS refuses, and those a dot-atom cannot hold unquoted (space, tab, CR, LF, quotes, parentheses, backslash). */
const LOCAL_REFUSED = new Set(',[]<>:; \t\r\n"()\\@'.split(''));
/** DomainPart::validateTokens: a domain holds GENERIC tokens (letters, digits, other characters), hyphens and dots. */
const DOMAIN_GENERIC = /^[A-Za-z0-9]$|^[^\x00-\x7F]$/u;

const LABEL_MAX_LENGTH = 63;
const DOMAIN_MAX_LENGTH = 253;
const utf8Length = (s: string) => new TextEncoder().encode(s).byteLength;

function invalidToken(ch: string): boolean {
  return ch === '\0' || (SYMBOL_OR_OTHER.test(ch) && !NAMED_SYMBOLS.has(ch));
}

function validLocalPart(local: string): boolean {
  if (local === '') return false;
  if (local.startsWith('"')) {
    // One quoted string: any character but an unescaped quote, CR or LF; a backslash escapes the next.
    if (local.length < 2 || !local.endsWith('"')) return false;
    const inner = local.slice(1, -1);
    for (let i = 0; i < inner.length; i++) {
      const ch = inner[i];
      if (ch === '\\') i++;
      else if (ch === '"' || ch === '\r' || ch === '\n') return false;
    }
    return !/(^|[^\\])(\\\\)*\\$/.test(inner);
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  for (const ch of local) if (LOCAL_REFUSED.has(ch)) return false;
  return true;
}

function labelTooLong(label: string): boolean {
  // Non-ASCII labels are measured as IDNA would write them (isLabelTooLong's idn_to_ascii).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  if (/[^\x00-\x7F]/.test(label)) return domainToASCII(label).split('.')[0].length > LABEL_MAX_LENGTH;
  return label.length > LABEL_MAX_LENGTH;
}

function validDomain(domain: string): boolean {
  if (domain === '') return false;
  if (domain.startsWith('[')) return /^\[[^[\]\\\s]*\]$/u.test(domain);
  if (domain.startsWith('.') || domain.startsWith('-') || domain.endsWith('.') || domain.endsWith('-')) return false;
  if (domain.includes('..') || domain.includes('-.')) return false;
  for (const ch of domain) if (ch !== '-' && ch !== '.' && !DOMAIN_GENERIC.test(ch)) return false;
  if (domain.split('.').some(labelTooLong)) return false;
  return utf8Length(domain) <= DOMAIN_MAX_LENGTH;
}

/** Whether `value` passes Laravel's `email` (RFC) rule; anything but a string fails it. */
export function isRfcEmail(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  for (const ch of value) if (invalidToken(ch) && ch !== '\t' && ch !== '\r' && ch !== '\n') return false;
  // The local part ends at the last '@' outside a quoted string; a second unquoted '@' fails.
  const at = value.startsWith('"') ? value.indexOf('@', value.lastIndexOf('"')) : value.indexOf('@');
  if (at === -1) return false;
  return validLocalPart(value.slice(0, at)) && validDomain(value.slice(at + 1));
}
