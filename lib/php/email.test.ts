import { describe, expect, it } from 'vitest';
import { isRfcEmail } from './email';

/** Each answer is egulias/email-validator's RFCValidation (Laravel's `email` rule), run with PHP 8.2. */
const EGULIAS: [string, boolean][] = [
  ['a@b', true],
  ['a@b.c', true],
  ['ñoño@example.com', true],
  ['not-an-email', false],
  ['a..b@c.d', false],
  ['.a@b.c', false],
  ['a.@b.c', false],
  ['a b@c.d', false],
  ['"a b"@c.d', true],
  ['a@b..c', false],
  ['a@-b.c', false],
  ['a@b-.c', false],
  ['a@b_c.d', false],
  ['a@[127.0.0.1]', true],
  ['a@b.c.', false],
  ['@b.c', false],
  ['a@', false],
  ['a', false],
  ['a@b@c', false],
  ['a+tag@b.c', true],
  ['a!#$%&*+/=?^_`{|}~-@b.c', true],
  ['a@ñ.com', true],
  ['a@123', true],
  ['a@1.2.3.4', true],
  ['a\\b@c.d', false],
  ['a@b.c-', false],
  ['a@b.-c', true],
  ['a@b.c d', false],
  ['a@b,c', false],
  ['a@b;c', false],
  ['a@b:c', false],
  ['x@a.b.c.d.e', true],
  ['日本@例え.jp', true],
  ['a@b.c\n', false],
  ['a"b@c.d', false],
  ['a@xn--ls8h.la', true],
  ["a'b@c.d", true],
  ['a€@b.c', false],
  ['a@b€.c', false],
  ['a@b+c.d', false],
  ['a@b!c', false],
  ['a@b=c', false],
  ['""@b.c', true],
  ['"a\\"b"@c.d', true],
  ['"a@b"@c.d', true],
  ['a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com', false],
  ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.c', true],
  ['a@b.c\t', false],
  ['\ta@b.c', false],
  ['a@B.COM', true],
  ['UPPER@EXAMPLE.COM', true],
  ['a.b.c@d.e', true],
  ['valid@example.com', true],
  ['taken@example.com', true],
  ['a@b-c.d', true],
  ['a@b--c.d', true],
  ['a@1-2.3', true],
  ['a@b.c/', false],
  ['a@b/c', false],
  ['a/b@c.d', true],
  ['a@b\\c', false],
  ['a@b?c', false],
  ['a@b#c', false],
  ['a@"b".c', false],
  ['¿a@b.c', true],
  ['a¿@b.c', true],
  ['a@[IPv6:::1]', true],
  ['a@[abc', false],
  ['a@b]', false],
  ['😀@b.c', false],
  ['a@😀.c', false],
  ['a@b.😀', false],
  ['x@ex%ample.com', false],
  ['a@example.com.', false],
  ['a&b@c.d', true],
  ['ab@c.d.', false],
  ['test@test@test.com', false],
  ['user@localhost', true],
  ['a@b.c.d.e.f.g.h', true],
  ['a@0.0', true],
  ['a@-', false],
  ['a@.', false],
  ['a@b-', false],
  ['-@b.c', true],
  ['a-@b.c', true],
  ['a@ÿ.com', true],
  ['a@b ', false],
  [' a@b.c', false],
];

/**
 * Domain literals and quoted local parts, as egulias 4.x (DomainPart, DomainLiteral, DoubleQuote)
 * answers under PHP 8.2: a `[` hands the domain to DomainLiteral, which reads up to the first `]`
 * and one token past it; the lexer's "IPv6" token is no domain label.
 */
const LITERALS: [string, boolean][] = [
  ['a@b\u00a0c.d', true],
  ['a@b[c].d', true],
  ['a@[b c]', true],
  ['a@[b\u00a0c]', true],
  ['a@[1.2.3.4]x', true],
  ['a@[b]@c', true],
  ['a@[]', true],
  ['a@b.[c]', true],
  ['a@b-[c]', true],
  ['a@[b]]', true],
  ['a@[b\tc]', true],
  ['a@[b\r\nc]', true],
  ['a@[b/c]', true],
  ['a@[b(c)]', true],
  ['a@[b]x[', true],
  ['"a b"@[" ]" @\r\n', true],
  ['a@[b.]', false],
  ['a@[b-]', false],
  ['a@.[c]', false],
  ['a@-[c]', false],
  ['a@b..[c]', false],
  ['a@b-.[c]', false],
  ['a@b/[c]', false],
  ['a@b [c]', false],
  ['a@[b\\c]', false],
  ['a@[b[c]', false],
  ['a@[b\rc]', false],
  ['a@[b][', false],
  ['a@[b]\r', false],
  ['a@IPv6.com', false],
  ['a@b-IPv6.c', false],
  ['a@xIPv6.com', true],
  ['"a\t"@b.c', false],
  ['"\ta"@b.c', true],
];

/**
 * Where the port of egulias's parser token by token answers otherwise than a reading of RFC 5322
 * would, each beside the line of egulias 4.0.2 (src/…) that decides it; 3.2.5 answers the same.
 * Checked with PHP 8.2 and ICU 72, a warning thrown as Laravel throws it.
 */
const PARSER: [string, boolean][] = [
  // Parser/DoubleQuote.php line 46: a backslash before a quote skips that quote, even a backslash
  // itself escaped, so `"a\\"` does not close and the string runs on (line 66: no `@` after it)…
  ['"a\\\\"@b.c', false],
  ['"\\"@b.c', false],
  ['"a\\\\\\"@b.c', false],
  // …to the next quote, wherever that is.
  ['"a\\\\"@b"@c.d', true],
  ['"\\\\\\""@b.c', true],
  // Line 52: the token after a backslash is escaped, a tab or NUL too; the first one inside is
  // never looked at, and CRLF is no CR.
  ['"\\\t"@b.c', true],
  ['"a\\\0"@b.c', true],
  ['"\0"@b.c', true],
  ['"a\0"@b.c', false],
  ['"a\r\n b"@c.d', true],
  // Line 77: a quoted string may not sit between two GENERIC tokens, but may follow a dot or a
  // quote; lines 66-68: it must be followed by the `@`.
  ['a.""@b.c', true],
  ['a""@b.c', true],
  ['a"b"@c.d', false],
  ['"a".b@c.d', false],
  ['"a"."b"@c.d', false],
  ['"a@"@b.c', true],
  // Parser/Comment.php with CommentStrategy/LocalComment.php: a comment in the local part runs to
  // the `@` (line 48); line 36: an unclosed one, line 41: a `)` first.
  ['a(comment)@b.c', true],
  ['a(b)c@d.e', true],
  ['(a)b@c.d', true],
  ['a(b@c.d', false],
  ['a)b@c.d', false],
  // Parser/LocalPart.php lines 149-161: a backslash fails only before a GENERIC token; lines 18-27:
  // `::` is a token of its own, not the refused `:`; NUL is C_NUL, not INVALID (EmailLexer.php line 239).
  ['a\\@b.c', true],
  ['a\\ b@c.d', true],
  ['a\\b@c.d', false],
  ['a::b@c.d', true],
  ['a:b@c.d', false],
  ['\0a@b', true],
  ['a\u0001@b', false],
  // Parser/FoldingWhiteSpace.php: white space before the `@` passes (line 52), before text does not
  // (line 44), a CR without LF (line 40) nor an LF (line 48) either.
  [' @b.c', true],
  ['a @b.c', true],
  ['a\t@b.c', true],
  ['a\r\n @b.c', true],
  ['a\r@b.c', false],
  ['a\n@b.c', false],
  // Parser/DomainPart.php: a comment in the domain must be followed by a dot (CommentStrategy/
  // DomainComment.php line 21); `¿` and `¡` are named tokens (EmailLexer.php lines 106, 109), not
  // the GENERIC a domain holds (line 275), though a local part takes them.
  ['a@b(c).d', true],
  ['a@(c)b.d', true],
  ['a@b.c(x)', false],
  ['a@¿.com', false],
  ['a@b¡.c', false],
  ['a¿@b.c', true],
  // Lines 293-303: a label is measured with the dot before it, so a later label holds 62 characters.
  [`x@b.${'a'.repeat(62)}.c`, true],
  [`x@b.${'a'.repeat(63)}.c`, false],
  [`x@${'a'.repeat(63)}.c`, true],
  [`x@b.${'a'.repeat(63)}`, false],
  // Lines 306-313: a non-ASCII label is measured as IDNA writes it: transitionally (ß is ss), in
  // Punycode, and not at all when ICU finds a severe error such as a leading combining mark…
  [`x@b.${'ß'.repeat(31)}.c`, true],
  [`x@b.${'ß'.repeat(32)}.c`, false],
  [`x@b.${'ñ'.repeat(55)}`, true],
  [`x@b.${'ñ'.repeat(58)}`, false],
  [`x@b.${'\u0301'.repeat(70)}`, true],
  // …whatever else it finds (a space, U+3000, breaks no length)…
  [`x@b.${'\u3000'.repeat(10)}${'ñ'.repeat(50)}`, false],
  // …but a result of 255 bytes or more (U+0F77 maps to three characters) makes idn_to_ascii return
  // no errors at all (php-src ext/intl/idn/idn.c), and line 310's read of them a warning that
  // Laravel throws and RFCValidation catches as invalid.
  [`x@b.${'\u0f77'.repeat(28)}`, true],
  [`x@b.${'\u0f77'.repeat(29)}`, false],
  // The lexer's `[a-zA-Z]+` is caseless under /iu, which takes ſ and the Kelvin sign as letters.
  [`x@${'ſ'.repeat(63)}.c`, true],
  [`x@${'ſ'.repeat(64)}.c`, false],
];

describe("isRfcEmail (Laravel's email rule)", () => {
  it.each(EGULIAS)('answers %j as egulias does: %s', (email, valid) => {
    expect(isRfcEmail(email)).toBe(valid);
  });

  it('answers domain literals, the "IPv6" token and quoted strings as egulias does', () => {
    expect(LITERALS.filter(([email, valid]) => isRfcEmail(email) !== valid)).toEqual([]);
  });

  it.each(PARSER)('answers %j as egulias does: %s', (email, valid) => {
    expect(isRfcEmail(email)).toBe(valid);
  });

  it('fails anything but a string', () => {
    expect(isRfcEmail(42)).toBe(false);
    expect(isRfcEmail(null)).toBe(false);
  });
});
