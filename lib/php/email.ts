/**
 * Laravel's `email` rule without parameters, i.e. `email:rfc`: Validator::validateEmail runs
 * egulias/email-validator's RFCValidation (EmailLexer, Parser/LocalPart.php, Parser/DomainPart.php;
 * egulias 3/4, Laravel 8–11). Warnings never fail it, so `a@b` (no TLD), `a@123` and `ñoño@…` pass.
 *
 * A port of the grammar the parser accepts for the addresses clients send: a dot-atom or one quoted
 * string as the local part; a domain of labels, which may run into a `[…]` literal (egulias 4.x as
 * Laravel 11.56 requires it). Not ported (refused here, accepted by egulias): comments such as
 * `a(comment)@b.c` and folding white space outside a literal.
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

/** invalidToken for each ASCII character, worked out once: a 1 MiB address was a regular expression a character. */
const ASCII_INVALID = Array.from({ length: 0x80 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return ch === '\0' || (SYMBOL_OR_OTHER.test(ch) && !NAMED_SYMBOLS.has(ch));
});

function invalidToken(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ASCII_INVALID[code];
  return SYMBOL_OR_OTHER.test(ch) && !NAMED_SYMBOLS.has(ch);
}

function validLocalPart(local: string): boolean {
  if (local === '') return false;
  if (local.startsWith('"')) {
    // One quoted string: any character but an unescaped quote, CR or LF, nor a tab after the first
    // (DoubleQuote::parse checks each token it moves to); a backslash escapes the next.
    if (local.length < 2 || !local.endsWith('"')) return false;
    const inner = local.slice(1, -1);
    for (let i = 0; i < inner.length; i++) {
      const ch = inner[i];
      if (ch === '\\') i++;
      else if (ch === '"' || ch === '\r' || ch === '\n' || (ch === '\t' && i > 0)) return false;
    }
    return !/(^|[^\\])(\\\\)*\\$/.test(inner);
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  for (const ch of local) if (LOCAL_REFUSED.has(ch)) return false;
  return true;
}

function labelTooLong(label: string): boolean {
  // Non-ASCII labels are measured as IDNA would write them (isLabelTooLong's idn_to_ascii).
  if (/[^\x00-\x7F]/.test(label)) return domainToASCII(label).split('.')[0].length > LABEL_MAX_LENGTH;
  return label.length > LABEL_MAX_LENGTH;
}

/** DomainPart's checks of the labels before a literal, or of the whole domain: start, dots, hyphens, tokens, label lengths. */
function validLabels(labels: string, whole: boolean): boolean {
  if (labels.startsWith('.') || labels.startsWith('-')) return false;
  if (labels.includes('..') || labels.includes('-.')) return false;
  for (const ch of labels) if (ch !== '-' && ch !== '.' && !DOMAIN_GENERIC.test(ch)) return false;
  // The lexer reads a letter run "IPv" + "6" as its IPv6 tag, a token a domain may not hold (`a@IPv6.com`).
  if (/(?<![A-Za-z])IPv6/.test(labels)) return false;
  // A label is measured at the dot that ends it, and the last one at the end of the domain.
  const parts = labels.split('.');
  return (whole ? parts : parts.slice(0, -1)).every((label) => !labelTooLong(label));
}

/**
 * A domain with a `[`: DomainPart::doParseDomainPart checks the labels before it, then hands over
 * to DomainLiteral::parse up to the first `]` and returns — what follows the `]` is never read
 * (`a@[1.2.3.4]x`, `a@b[c].d` and `a@[b]@c` pass) but the token right after it. Inside, DomainLiteral
 * refuses another `[`, a backslash and a CR without LF (white space and other symbols pass: `a@[b c]`); then
 * checkEndOfDomain refuses a literal ending in `.` or `-`, and the domain up to `]` must fit 253 bytes.
 */
function validLiteralDomain(domain: string, open: number): boolean {
  const close = domain.indexOf(']', open);
  if (close === -1) return false;
  // The length first: it bounds the labels' IDNA conversion below, which is quadratic in a label's
  // length (a 1 MiB label of ideographs held the event loop for seconds). A code unit is a byte at least.
  if (close + 1 > DOMAIN_MAX_LENGTH || utf8Length(domain.slice(0, close + 1)) > DOMAIN_MAX_LENGTH) return false;
  if (!validLabels(domain.slice(0, open), false)) return false;
  const literal = domain.slice(open + 1, close);
  if (/[[\\]|\r(?!\n)/.test(literal) || literal.endsWith('.') || literal.endsWith('-')) return false;
  // The loop looks one token past each, the `]` too: a `[` or a lone CR there fails.
  const after = domain.slice(close + 1, close + 3);
  if (after.startsWith('[') || /^\r(?!\n)/.test(after)) return false;
  return true;
}

function validDomain(domain: string): boolean {
  if (domain === '') return false;
  const open = domain.indexOf('[');
  if (open !== -1) return validLiteralDomain(domain, open);
  if (domain.endsWith('.') || domain.endsWith('-')) return false;
  // The length first, as above: it bounds the IDNA conversion of each label.
  if (domain.length > DOMAIN_MAX_LENGTH || utf8Length(domain) > DOMAIN_MAX_LENGTH) return false;
  return validLabels(domain, true);
}

/** The index of the quote that closes the quoted string `value` starts with (a backslash escapes), or -2. */
function closingQuote(value: string): number {
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '"') return i;
  }
  return -2;
}

/** Whether `value` passes Laravel's `email` (RFC) rule; anything but a string fails it. */
export function isRfcEmail(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  for (const ch of value) if (invalidToken(ch) && ch !== '\t' && ch !== '\r' && ch !== '\n') return false;
  // The local part ends at the first '@' outside its quoted string; a second unquoted '@' fails.
  const at = value.startsWith('"') ? closingQuote(value) + 1 : value.indexOf('@');
  if (value[at] !== '@') return false;
  return validLocalPart(value.slice(0, at)) && validDomain(value.slice(at + 1));
}
