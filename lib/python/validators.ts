/**
 * Ports of the Django 4.2 validators behind DRF's EmailField and URLField
 * (django/core/validators.py: EmailValidator, URLValidator), so that exactly the values Piriod
 * refuses are refused. Python regex features are translated: `\Z` → `$`, `re.IGNORECASE` → `i`,
 * Python's `\s` (str.isspace) spelled out, and the `u` flag so that a code point above U+FFFF is
 * one character, outside Django's `\u00a1-\uffff` "unicode letters" range, as in Python.
 */
import { domainToASCII } from 'node:url';
import { isIPv4, isIPv6 } from 'node:net';
import { PY_WHITESPACE, pyLen } from './python';

const WS = PY_WHITESPACE.replace(/[\s\S]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

// --- EmailValidator ----------------------------------------------------------------------------

const USER_REGEX = new RegExp(
  // dot-atom
  "(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$" +
    // quoted-string
    '|^"([\\u0001-\\u0008\\u000b\\u000c\\u000e-\\u001f!#-\\[\\]-\\u007f]|\\\\[\\u0001-\\u0009\\u000b\\u000c\\u000e-\\u007f])*"$)',
  'iu',
);
// Max length for domain name labels is 63 characters per RFC 1034.
const DOMAIN_REGEX = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/iu;
// Literal form, ipv4 or ipv6 address (SMTP 4.1.3).
const LITERAL_REGEX = /^\[([A-F0-9:.]+)\]$/iu;
const DOMAIN_ALLOWLIST = ['localhost'];

/** Python's `ipaddress.IPv4Address`: four decimal octets, no leading zeros. */
function isStrictIPv4(value: string): boolean {
  return isIPv4(value) && value.split('.').every((octet) => octet === '0' || !octet.startsWith('0'));
}

function validateDomainPart(domain: string): boolean {
  if (DOMAIN_REGEX.test(domain)) return true;
  const literal = LITERAL_REGEX.exec(domain);
  return literal !== null && (isStrictIPv4(literal[1]) || isIPv6(literal[1]));
}

/** Django's EmailValidator: whether `value` passes. */
export function isDjangoEmail(value: string): boolean {
  // The maximum length of an email is 320 characters per RFC 3696 section 3.
  if (!value || !value.includes('@') || pyLen(value) > 320) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!USER_REGEX.test(user)) return false;
  if (DOMAIN_ALLOWLIST.includes(domain) || validateDomainPart(domain)) return true;
  // Try for a possible IDN domain part (Django: punycode(domain_part)).
  const ascii = /^[\x00-\x7f]*$/.test(domain) ? '' : domainToASCII(domain);
  return ascii !== '' && validateDomainPart(ascii);
}

// --- URLValidator ------------------------------------------------------------------------------

const UL = '\\u00a1-\\uffff';
const IPV4_RE = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6_RE = '\\[[0-9a-f:.]+\\]';
const HOSTNAME_RE = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN_RE = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD_RE = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?`;
const HOST_RE = `(${HOSTNAME_RE}${DOMAIN_RE}${TLD_RE}|localhost)`;
const URL_REGEX = new RegExp(
  '^(?:[a-z0-9.+-]*)://' + // scheme is validated separately
    `(?:[^${WS}:@/]+(?::[^${WS}:@/]*)?@)?` + // user:pass authentication
    `(?:${IPV4_RE}|${IPV6_RE}|${HOST_RE})` +
    '(?::[0-9]{1,5})?' + // port
    `(?:[/?#][^${WS}]*)?` + // resource path
    '$',
  'iu',
);
const URL_SCHEMES = ['http', 'https', 'ftp', 'ftps'];
const URL_MAX_LENGTH = 2048;

/** The netloc of `urllib.parse.urlsplit(value)`, or undefined where urlsplit raises ValueError. */
function splitNetloc(value: string): string | undefined {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(value);
  const rest = scheme ? value.slice(scheme[0].length) : value;
  if (!rest.startsWith('//')) return '';
  const netloc = /^[^/?#]*/.exec(rest.slice(2))![0];
  const open = netloc.includes('[');
  const close = netloc.includes(']');
  if (open !== close) return undefined; // "Invalid IPv6 URL"
  if (open) {
    // Python ≥ 3.11.4 checks a bracketed host: an IPv6 address (or an IPvFuture literal).
    const host = netloc.split('[')[1].split(']')[0];
    if (!host.startsWith('v') && !isIPv6(host)) return undefined;
  }
  return netloc;
}

/** `urlsplit(value).hostname`: the host without credentials and port, lower-cased; '' for none. */
function hostnameOf(netloc: string): string {
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']')).toLowerCase();
  return host.split(':')[0].toLowerCase();
}

/** Django's URLValidator (http, https, ftp, ftps): whether `value` passes. */
export function isDjangoUrl(value: string): boolean {
  if (pyLen(value) > URL_MAX_LENGTH) return false;
  if (/[\t\r\n]/.test(value)) return false;
  if (!URL_SCHEMES.includes(value.split('://')[0].toLowerCase())) return false;
  const netloc = splitNetloc(value);
  if (netloc === undefined) return false;
  if (!URL_REGEX.test(value)) return false;
  const bracketed = /^\[(.+)\](?::[0-9]{1,5})?$/.exec(netloc);
  if (bracketed && !isIPv6(bracketed[1])) return false;
  // The maximum length of a full host name is 253 characters per RFC 1034 section 3.1.
  const hostname = hostnameOf(netloc);
  return hostname !== '' && pyLen(hostname) <= 253;
}

// --- DRF CharField's built-in validators -------------------------------------------------------

/** Django's ProhibitNullCharactersValidator. */
export function hasNullCharacter(value: string): boolean {
  return value.includes('\0');
}

/** The first lone surrogate (what Python sees as a surrogate code point), for DRF's message. */
export function firstSurrogate(value: string): number | undefined {
  const m = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(value);
  return m ? m[0].charCodeAt(0) : undefined;
}
