/**
 * Laravel's `email` rule without parameters, i.e. `email:rfc`: Validator::validateEmail runs
 * egulias/email-validator's RFCValidation (egulias 3/4, Laravel 8–11). Warnings never fail it, so
 * `a@b` (no TLD), `a@123` and `ñoño@…` pass.
 *
 * A port of egulias 4.0.2's parser, token by token: EmailLexer (over doctrine/lexer's AbstractLexer),
 * EmailParser and Parser, Parser/LocalPart.php, DoubleQuote.php, Comment.php with its Local and Domain
 * strategies, FoldingWhiteSpace.php, DomainPart.php and DomainLiteral.php. Each function names the
 * PHP method it copies and keeps its order of checks, quirks included: a quoted string ending in an
 * escaped backslash (`"a\\"@b.c`) fails because DoubleQuote skips a quote after any backslash, a
 * comment runs to the `@` (`a(b)c@d.e` passes), a domain literal is read up to its `]` and what
 * follows is never looked at (`a@[b]@c` passes). Only the warnings are left out: RFCValidation
 * ignores them. The parser code is the same in 4.0.2 and the latest 4.0.x; egulias 3.2.5 answered
 * the same on every address checked.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

// EmailLexer's token types (EmailLexer.php lines 12-57); those the parser compares against.
const S_EMPTY = -1;
const C_NUL = 0;
const S_HTAB = 9;
const S_LF = 10;
const S_CR = 13;
const S_SP = 32;
const S_DQUOTE = 34;
const S_OPENPARENTHESIS = 40;
const S_CLOSEPARENTHESIS = 41;
const S_COMMA = 44;
const S_HYPHEN = 45;
const S_DOT = 46;
const S_SLASH = 47;
const S_COLON = 58;
const S_SEMICOLON = 59;
const S_LOWERTHAN = 60;
const S_GREATERTHAN = 62;
const S_AT = 64;
const S_OPENBRACKET = 91;
const S_BACKSLASH = 92;
const S_CLOSEBRACKET = 93;
const GENERIC = 300;
const S_IPV6TAG = 301;
const INVALID = 302;
const CRLF = 1310;
const S_DOUBLECOLON = 5858;

/**
 * EmailLexer::$charValue (lines 66-110): the values the lexer names. Every ASCII punctuation
 * character, space, tab, CR and LF is one, each its own type (its code: the constants are the ASCII
 * values), and so are `¿` and `¡` (168 and 173, EmailLexer's INVERT_QUESTIONMARK and
 * INVERT_EXCLAMATION). Its `'\0'` is PHP's two characters backslash and zero, which no token is;
 * NUL is C_NUL by isNullType.
 */
const NAMED: ReadonlyMap<string, number> = new Map([
  ...Array.from('{}()<>[]:;@\\/,.\'`"- \t\r\n*!&^$%~|_=+?#', (ch) => [ch, ch.charCodeAt(0)] as const),
  ['::', S_DOUBLECOLON],
  ['\r\n', CRLF],
  ['IPv6', S_IPV6TAG],
  ['¿', 168],
  ['¡', 173],
]);

/** EmailLexer::INVALID_CHARS_REGEX `[^\p{S}\p{C}\p{Cc}]+`: a token holding no character outside Symbol and Other is INVALID. */
const NOT_SYMBOL_OR_OTHER = /[^\p{S}\p{C}]/u;

/** EmailLexer::getType (lines 227-249): a named value, NUL, INVALID or GENERIC. */
function tokenType(value: string): number {
  const named = NAMED.get(value);
  if (named !== undefined) return named;
  if (value === '\0') return C_NUL;
  return NOT_SYMBOL_OR_OTHER.test(value) ? GENERIC : INVALID;
}

/** tokenType of each one-character ASCII token, worked out once (a 1 MiB address is a million tokens). */
const ASCII_TYPE = Int16Array.from({ length: 0x80 }, (_, code) => tokenType(String.fromCharCode(code)));

/**
 * A character that is an INVALID token by itself: Symbol or Other but not named, nor NUL. Letter and
 * digit runs hold none, and a non-ASCII token is one character, so an input holds an INVALID token
 * exactly when it holds one of these.
 */
const INVALID_CHARACTER = /(?![\0\t\n\r$+<=>^`|~])[\p{S}\p{C}]/u;

/**
 * `[a-zA-Z]` as PCRE reads it under EmailLexer's `iu` modifiers: caseless matching adds the two
 * characters whose case folds to an ASCII letter, U+017F (ſ, to s) and U+212A (the Kelvin sign, to k).
 */
function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x17f || code === 0x212a;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** strlen of a piece of the input: its UTF-8 bytes. */
function byteLength(value: string, start = 0, end = value.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

interface Token {
  readonly type: number;
  readonly start: number;
  readonly end: number;
}

/** EmailLexer's $nullToken: value '', type S_EMPTY. */
const NULL_TOKEN: Token = { type: S_EMPTY, start: 0, end: 0 };

/** The one character of each token type find() looks for. */
const FIND_CHARACTER = new Map([
  [S_DQUOTE, '"'],
  [S_CLOSEPARENTHESIS, ')'],
  [S_CLOSEBRACKET, ']'],
]);

/**
 * EmailLexer over doctrine/lexer's AbstractLexer, reading a token when moveNext needs it rather than
 * all of them up front (the same tokens: AbstractLexer::scan's preg_split is a left-to-right match).
 */
class EmailLexer {
  private readonly input: string;
  /** AbstractLexer::$position, as an offset in the input: where the token after the lookahead starts. */
  private position = 0;
  /** AbstractLexer::$lookahead: null before the first moveNext and past the last token. */
  private lookahead: Token | null = null;
  current: Token = NULL_TOKEN;
  previous: Token = NULL_TOKEN;
  private hasToRecord = false;
  /** strlen of EmailLexer's accumulator. */
  private accumulated = 0;
  /** For find(): where the last character of each type looked for is. */
  private readonly lastOf = new Map<number, number>();

  constructor(input: string) {
    this.input = input;
  }

  /** Whether EmailLexer::getType typed any token INVALID while scanning (EmailLexer::hasInvalidTokens). */
  hasInvalidTokens(): boolean {
    return INVALID_CHARACTER.test(this.input);
  }

  /**
   * The token at `start`: EmailLexer::CATCHABLE_PATTERNS (lines 116-124) in their order, as
   * AbstractLexer::scan splits the input with them: a run of letters with an optional `4` or `6`
   * after it, one non-ASCII character, a run of digits, CRLF, `::`, then any one character (`\s+?`
   * takes one, as `.` does; the non-catchable `[\xA0-\xff]+` never gets a turn after `[^\x00-\x7F]`).
   * Typed by getType, where a non-ASCII character is GENERIC unless named (an INVALID one has
   * already refused the input).
   */
  private scan(start: number): Token {
    const input = this.input;
    const code = input.charCodeAt(start);
    let end = start + 1;
    let type: number;
    if (isLetter(code)) {
      while (end < input.length && isLetter(input.charCodeAt(end))) end++;
      if (input[end] === '4' || input[end] === '6') end++;
      type = end - start === 4 && input.startsWith('IPv6', start) ? S_IPV6TAG : GENERIC;
    } else if (code >= 0x80) {
      const low = input.charCodeAt(end);
      if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) end++;
      type = code === 0xbf || code === 0xa1 ? NAMED.get(input[start])! : GENERIC;
    } else if (isDigit(code)) {
      while (end < input.length && isDigit(input.charCodeAt(end))) end++;
      type = GENERIC;
    } else if (code === 0x0d && input[end] === '\n') {
      end++;
      type = CRLF;
    } else if (code === 0x3a && input[end] === ':') {
      end++;
      type = S_DOUBLECOLON;
    } else {
      type = ASCII_TYPE[code];
    }
    return { type, start, end };
  }

  value(token: Token): string {
    return this.input.slice(token.start, token.end);
  }

  /** AbstractLexer::isNextToken. */
  isNextToken(type: number): boolean {
    return this.lookahead !== null && this.lookahead.type === type;
  }

  /** AbstractLexer::isNextTokenAny. */
  isNextTokenAny(types: readonly number[]): boolean {
    return this.lookahead !== null && types.includes(this.lookahead.type);
  }

  /**
   * EmailLexer::moveNext (lines 198-218) over AbstractLexer::moveNext: the lookahead becomes current
   * (the null token past the end), the next token the lookahead; true while there is one.
   */
  moveNext(): boolean {
    if (this.hasToRecord && this.previous === NULL_TOKEN) this.record(this.current);
    this.previous = this.current;
    this.current = this.lookahead ?? NULL_TOKEN;
    this.lookahead = this.position < this.input.length ? this.scan(this.position) : null;
    if (this.lookahead !== null) this.position = this.lookahead.end;
    if (this.hasToRecord) this.record(this.current);
    return this.lookahead !== null;
  }

  private record(token: Token): void {
    this.accumulated += byteLength(this.input, token.start, token.end);
  }

  /**
   * EmailLexer::find: whether a token of `type` is at the lookahead or after it (what a clone's
   * skipUntil reaches). The types looked for are one character each, always a token of their own.
   */
  find(type: number): boolean {
    if (this.lookahead === null) return false;
    let last = this.lastOf.get(type);
    if (last === undefined) {
      last = this.input.lastIndexOf(FIND_CHARACTER.get(type)!);
      this.lastOf.set(type, last);
    }
    return last >= this.lookahead.start;
  }

  startRecording(): void {
    this.hasToRecord = true;
  }

  stopRecording(): void {
    this.hasToRecord = false;
  }

  clearRecorded(): void {
    this.accumulated = 0;
  }

  /** strlen(getAccumulatedValues()). */
  recordedLength(): number {
    return this.accumulated;
  }
}

const is = (token: Token, type: number) => token.type === type;

/** PartParser::escaped (PartParser.php lines 56-62): after a backslash, anything but GENERIC is escaped. */
function escaped(lexer: EmailLexer): boolean {
  return is(lexer.previous, S_BACKSLASH) && !is(lexer.current, GENERIC);
}

const FWS_TYPES = new Set([S_SP, S_HTAB, S_CR, S_LF, CRLF]);

/** FoldingWhiteSpace::parse (FoldingWhiteSpace.php lines 27-59); it never moves the lexer. */
function foldingWhiteSpace(lexer: EmailLexer): boolean {
  // isFWS (lines 79-86)
  if (escaped(lexer) || !FWS_TYPES.has(lexer.current.type)) return true;
  const previous = lexer.previous;
  // checkCRLFInFWS (lines 61-77)
  if (is(lexer.current, CRLF) && !lexer.isNextTokenAny([S_SP, S_HTAB])) return false;
  if (is(lexer.current, S_CR)) return false;
  if (lexer.isNextToken(GENERIC) && !is(previous, S_AT)) return false;
  if (is(lexer.current, S_LF) || is(lexer.current, C_NUL)) return false;
  return true;
}

/** CommentStrategy/LocalComment.php and DomainComment.php: when a comment's loop goes on, and what must follow it. */
interface CommentStrategy {
  exitCondition(lexer: EmailLexer, openedParenthesis: number): boolean;
  endOfLoopValidations(lexer: EmailLexer): boolean;
}

/** LocalComment: a comment in the local part runs up to the `@`, which must follow it. */
const LOCAL_COMMENT: CommentStrategy = {
  exitCondition: (lexer) => !lexer.isNextToken(S_AT),
  endOfLoopValidations: (lexer) => lexer.isNextToken(S_AT),
};

/** DomainComment: a comment in the domain runs until a `.` follows a balanced one, and a `.` must follow. */
const DOMAIN_COMMENT: CommentStrategy = {
  exitCondition: (lexer, openedParenthesis) => !(openedParenthesis === 0 && lexer.isNextToken(S_DOT)),
  endOfLoopValidations: (lexer) => lexer.isNextToken(S_DOT),
};

/** Comment::parse (Comment.php lines 32-72). */
function comment(lexer: EmailLexer, strategy: CommentStrategy): boolean {
  let openedParenthesis = 0;
  if (is(lexer.current, S_OPENPARENTHESIS)) {
    openedParenthesis++;
    // noClosingParenthesis (lines 93-101)
    if (!lexer.find(S_CLOSEPARENTHESIS)) return false;
  }
  if (is(lexer.current, S_CLOSEPARENTHESIS)) return false;
  let moreTokens = true;
  while (strategy.exitCondition(lexer, openedParenthesis) && moreTokens) {
    if (lexer.isNextToken(S_OPENPARENTHESIS)) openedParenthesis++;
    if (lexer.isNextToken(S_CLOSEPARENTHESIS)) openedParenthesis--;
    moreTokens = lexer.moveNext();
  }
  if (openedParenthesis !== 0) return false;
  return strategy.endOfLoopValidations(lexer);
}

/** DoubleQuote::checkDQUOTE (DoubleQuote.php lines 73-90). */
function checkDQUOTE(lexer: EmailLexer): boolean {
  // "quoted string should be a unit": not between two GENERIC tokens.
  if (lexer.isNextToken(GENERIC) && is(lexer.previous, GENERIC)) return false;
  // UnclosedQuotedString: no quote ahead.
  return lexer.find(S_DQUOTE);
}

/** The tokens DoubleQuote::parse refuses inside quotes unless escaped (line 30). */
const QUOTED_INVALID = new Set([C_NUL, S_HTAB, S_CR, S_LF]);

/**
 * DoubleQuote::parse (DoubleQuote.php lines 16-71). Each pass looks at the token it moves to, so the
 * first one inside is never checked (`"\ta"` passes, `"a\t"` does not). A backslash before a quote
 * skips that quote (line 46) even when the backslash is itself escaped: in `"a\\"@b.c` the quote
 * after `\\` does not close the string, which then runs to the end and fails (lines 66-68).
 */
function doubleQuote(lexer: EmailLexer): boolean {
  if (!checkDQUOTE(lexer)) return false;
  lexer.moveNext();
  while (!is(lexer.current, S_DQUOTE) && !is(lexer.current, S_EMPTY)) {
    if (is(lexer.current, S_BACKSLASH) && lexer.isNextToken(S_DQUOTE)) lexer.moveNext();
    lexer.moveNext();
    if (!escaped(lexer) && QUOTED_INVALID.has(lexer.current.type)) return false;
  }
  const prev = lexer.previous;
  if (is(prev, S_BACKSLASH) && !checkDQUOTE(lexer)) return false;
  return lexer.isNextToken(S_AT) || is(prev, S_BACKSLASH);
}

/** LocalPart::INVALID_TOKENS (LocalPart.php lines 18-27). */
const LOCAL_INVALID_TOKENS = new Set([S_COMMA, S_CLOSEBRACKET, S_OPENBRACKET, S_GREATERTHAN, S_LOWERTHAN, S_COLON, S_SEMICOLON, INVALID]);

/**
 * LocalPart::parse (LocalPart.php lines 35-101), up to the `@` or the end. It records the local part
 * only for the LocalTooLong warning, and DomainPart clears the record, so nothing is recorded here.
 */
function localPart(lexer: EmailLexer): boolean {
  while (!is(lexer.current, S_AT) && !is(lexer.current, S_EMPTY)) {
    // hasDotAtStart (lines 126-129)
    if (is(lexer.current, S_DOT) && is(lexer.previous, S_EMPTY)) return false;
    if (is(lexer.current, S_DQUOTE) && !doubleQuote(lexer)) return false;
    if ((is(lexer.current, S_OPENPARENTHESIS) || is(lexer.current, S_CLOSEPARENTHESIS)) && !comment(lexer, LOCAL_COMMENT)) {
      return false;
    }
    // ConsecutiveDot, DotAtEnd
    if (is(lexer.current, S_DOT) && (lexer.isNextToken(S_DOT) || lexer.isNextToken(S_AT))) return false;
    // validateEscaping (lines 149-161): "Found ATOM after escaping"
    if (is(lexer.current, S_BACKSLASH) && lexer.isNextToken(GENERIC)) return false;
    // validateTokens (lines 103-109)
    if (LOCAL_INVALID_TOKENS.has(lexer.current.type)) return false;
    // parseLocalFWS (lines 116-124)
    if (!foldingWhiteSpace(lexer)) return false;
    lexer.moveNext();
  }
  return true;
}

/**
 * DomainLiteral::parse (DomainLiteral.php lines 35-99) from the `[`, up to the first `]`. What it
 * finds inside past these checks (IPv4, IPv6, obsolete text) only adds warnings. The loop stops when
 * moveNext finds no token after the one it moved to, so the last token is not looked at.
 */
function domainLiteral(lexer: EmailLexer): boolean {
  do {
    if (is(lexer.current, C_NUL)) return false;
    if (lexer.isNextToken(S_OPENBRACKET)) return false;
    // White space ahead goes through parseFWS (line 57), whose answer is not read.
    if (lexer.isNextToken(S_CR)) return false;
    if (is(lexer.current, S_BACKSLASH)) return false;
    if (is(lexer.current, S_CLOSEBRACKET)) break;
  } while (lexer.moveNext());
  return true;
}

const LABEL_MAX_LENGTH = 63;
const DOMAIN_MAX_LENGTH = 253;

/** RFC 3492's encoder (the Punycode after `xn--`), as ICU's u_strToPunycode writes it. */
function punycode(label: string): string {
  const codes = Array.from(label, (ch) => ch.codePointAt(0)!);
  const basic = codes.filter((code) => code < 0x80);
  let out = String.fromCharCode(...basic) + (basic.length > 0 ? '-' : '');
  const digit = (d: number) => String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d);
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  let handled = basic.length;
  while (handled < codes.length) {
    const next = Math.min(...codes.filter((code) => code >= n));
    delta += (next - n) * (handled + 1);
    n = next;
    for (const code of codes) {
      if (code < n) delta++;
      if (code !== n) continue;
      let q = delta;
      for (let k = 36; ; k += 36) {
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        if (q < t) break;
        out += digit(t + ((q - t) % (36 - t)));
        q = Math.floor((q - t) / (36 - t));
      }
      out += digit(q);
      // adapt
      let d = handled === basic.length ? Math.floor(delta / 700) : delta >> 1;
      d += Math.floor(d / (handled + 1));
      let k = 0;
      while (d > 455) {
        d = Math.floor(d / 35);
        k += 36;
      }
      bias = k + Math.floor((36 * d) / (d + 38));
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

/** Forbidden in a WHATWG host, so domainToASCII fails on a character UTS #46 maps to one of them (U+3000 to a space). */
const FORBIDDEN_HOST = /[\x00-\x20#%/:<>?@[\\\]^|\x7f]/;

/**
 * One character's UTS #46 mapping: an ASCII letter's lower case, any other ASCII character itself (no
 * STD3 rules); else read from domainToASCII after a letter that nothing composes with (a combining
 * mark may not start a label, a digit of another script may not stand alone by the bidi rule, and
 * a label that is a number would be read as an IPv4 address). A character no label takes is
 * disallowed, U+FFFD as ICU writes it — unless NFKC, which UTS #46's mapping is built from, makes
 * it a character a host may not hold (U+3000, a space).
 */
function uts46Mapping(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
  for (const before of ['日', 'ب']) {
    const ascii = domainToASCII(before + ch);
    if (ascii !== '') return domainToUnicode(ascii).slice(before.length);
  }
  const compatible = ch.normalize('NFKC').toLowerCase();
  return FORBIDDEN_HOST.test(compatible) ? compatible : '\ufffd';
}

/**
 * What idn_to_ascii($label, IDNA_DEFAULT, INTL_IDNA_VARIANT_UTS46) has ICU write: UTS #46 toASCII
 * (transitional, no STD3 rules, no bidi or joiner checks) maps the label, normalizes it (NFC), splits
 * it at its dots and writes each part with a non-ASCII character as `xn--` Punycode — but leaves a
 * part with a severe error (uts46.cpp) as it is: one starting with a combining mark (which becomes
 * U+FFFD), holding a disallowed character (U+FFFD too) or starting `xn--` without being Punycode.
 * Node's domainToASCII does this mapping nontransitionally (so ß, ẞ and ς are mapped first) and gives
 * up on any error, a bidi rule or a space; then the label is mapped a character at a time.
 */
function idnToAscii(label: string): string {
  const transitional = label.replace(/[ßẞ]/g, 'ss').replace(/ς/g, 'σ');
  const direct = domainToASCII(transitional);
  if (direct !== '') return direct;
  const mapped = Array.from(transitional, uts46Mapping).join('').normalize('NFC');
  return mapped
    .split('.')
    .map((part) => {
      if (/^[\x00-\x7F]*$/.test(part)) return part;
      if (/^\p{M}/u.test(part)) return `\ufffd${part.slice(String.fromCodePoint(part.codePointAt(0)!).length)}`;
      if (part.includes('\ufffd') || part.startsWith('xn--')) return part;
      return `xn--${punycode(part)}`;
    })
    .join('.');
}

/**
 * DomainPart::isLabelTooLong (DomainPart.php lines 306-313) for a label with a non-ASCII character:
 * whether ICU flags IDNA_ERROR_LABEL_TOO_LONG, i.e. a part it wrote in ASCII is longer than 63. And
 * php-src's idn_to_ascii (ext/intl/idn/idn.c) writes into 255 bytes: a longer result (`ำ` and `ཷ`
 * map to two and three characters) makes it return false with no `errors` in the info array, so
 * line 310 reads an undefined key; Laravel turns that warning into an ErrorException
 * (HandleExceptions::handleError), which RFCValidation::isValid catches as an invalid address.
 */
function idnLabelTooLong(label: string): boolean {
  const ascii = idnToAscii(label);
  if (byteLength(ascii) >= 255) return true;
  return ascii.split('.').some((part) => /^[\x00-\x7F]*$/.test(part) && part.length > LABEL_MAX_LENGTH);
}

/** DomainPart::isLabelTooLong (DomainPart.php lines 306-313): IDNA's verdict on a label with a non-ASCII character, else strlen. */
function isLabelTooLong(label: string): boolean {
  if (/[^\x00-\x7F]/.test(label)) return idnLabelTooLong(label);
  return label.length > LABEL_MAX_LENGTH;
}

/**
 * DomainPart::doParseDomainPart (DomainPart.php lines 145-214), with checkLabelLength (lines 293-303):
 * a label is measured when a dot ends it and at the end of the domain, and holds the dot before it
 * (`b.` + 63 letters + `.c` fails). DomainPart::parse checks the domain's length last, but the
 * recorded domain only grows, so once it is past 253 bytes the answer is no whatever else the loop
 * finds: it stops there. That bounds a label's IDNA conversion, which is quadratic in its length
 * (a 1 MiB label of ideographs held the event loop for seconds).
 */
function doParseDomainPart(lexer: EmailLexer): boolean {
  let hasComments = false;
  let label = '';
  do {
    if (lexer.recordedLength() > DOMAIN_MAX_LENGTH) return false;
    const prev = lexer.previous;
    // checkNotAllowedChars (lines 221-228)
    if (is(lexer.current, S_BACKSLASH) || is(lexer.current, S_SLASH)) return false;
    if (is(lexer.current, S_OPENPARENTHESIS) || is(lexer.current, S_CLOSEPARENTHESIS)) {
      hasComments = true;
      if (!comment(lexer, DOMAIN_COMMENT)) return false;
    }
    // checkConsecutiveDots (PartParser.php lines 47-54)
    if (is(lexer.current, S_DOT) && lexer.isNextToken(S_DOT)) return false;
    // parseDomainLiteral (lines 233-245): the domain ends with the literal.
    if (is(lexer.current, S_OPENBRACKET)) return lexer.find(S_CLOSEBRACKET) && domainLiteral(lexer);
    // checkLabelLength
    if (is(lexer.current, S_DOT)) {
      if (isLabelTooLong(label)) return false;
      label = '';
    }
    label += lexer.value(lexer.current);
    if (!foldingWhiteSpace(lexer)) return false;
    // checkDomainPartExceptions (lines 253-271)
    if (is(lexer.current, S_OPENBRACKET) && !is(prev, S_AT)) return false;
    if (is(lexer.current, S_HYPHEN) && lexer.isNextToken(S_DOT)) return false;
    if (is(lexer.current, S_BACKSLASH) && lexer.isNextToken(GENERIC)) return false;
    // validateTokens (lines 273-291)
    const type = lexer.current.type;
    const validToken = type === GENERIC || type === S_HYPHEN || type === S_DOT;
    if (!validToken && !(hasComments && (type === S_OPENPARENTHESIS || type === S_CLOSEPARENTHESIS))) return false;
    lexer.moveNext();
  } while (!is(lexer.current, S_EMPTY));
  if (lexer.recordedLength() > DOMAIN_MAX_LENGTH) return false;
  return !isLabelTooLong(label);
}

/** DomainPart::parse (DomainPart.php lines 41-76), from the token after the `@`. */
function domainPart(lexer: EmailLexer): boolean {
  lexer.clearRecorded();
  lexer.startRecording();
  lexer.moveNext();
  // performDomainStartChecks (lines 94-110): checkInvalidTokensAfterAT, checkEmptyDomain
  if (is(lexer.current, S_DOT) || is(lexer.current, S_HYPHEN)) return false;
  if (is(lexer.current, S_EMPTY) || (is(lexer.current, S_SP) && !lexer.isNextToken(GENERIC))) return false;
  // ConsecutiveAt
  if (is(lexer.current, S_AT)) return false;
  if (!doParseDomainPart(lexer)) return false;
  // checkEndOfDomain (lines 78-92)
  if (is(lexer.previous, S_DOT) || is(lexer.previous, S_HYPHEN) || is(lexer.current, S_SP)) return false;
  lexer.stopRecording();
  // DomainTooLong
  return lexer.recordedLength() <= DOMAIN_MAX_LENGTH;
}

/** Whether `value` passes Laravel's `email` (RFC) rule; anything but a string fails it. */
export function isRfcEmail(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  // Parser::parse (Parser.php lines 35-61)
  const lexer = new EmailLexer(value);
  if (lexer.hasInvalidTokens()) return false;
  // EmailParser::preLeftParsing, Parser::hasAtToken (lines 71-77): NoLocalPart when the first token is `@`.
  lexer.moveNext();
  lexer.moveNext();
  if (is(lexer.current, S_AT)) return false;
  return localPart(lexer) && domainPart(lexer);
}
