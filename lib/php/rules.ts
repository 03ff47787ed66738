/**
 * What Laravel's validator does beyond a field's type rule (laravel/framework v11.56.0,
 * Illuminate\Validation\Validator and Concerns\ValidatesAttributes): which values a rule runs on,
 * what `required*` counts as given, and what the size rules measure. Without `bail`, Laravel runs
 * every rule of a field, so a field refused by `string` is still measured by `max`; a Zod schema
 * stops at its type, and `laravelRule` adds such a rule as a check that runs anyway.
 */
import { z } from 'zod';
import { isNumeric, isPhpArray, phpCount, phpString, phpTrim } from './scalars';
import { ALPHA_DASH } from './validator';

/**
 * Validator::presentOrRuleIsImplicit: a rule that is not implicit (anything but `required*` and
 * the like) does not run on a string that PHP's trim() empties. TrimStrings leaves no such string
 * but in the fields it skips (`password`): `"     "` is neither checked by `min:6` nor refused.
 */
export function validatable(value: unknown): boolean {
  return !(typeof value === 'string' && phpTrim(value) === '');
}

/**
 * ValidatesAttributes::validateRequired, which every `required*` rule asks: null, a string PHP's
 * trim() empties and an empty array (`[]` or `{}` in JSON) are not given.
 */
export function given(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return phpTrim(value) !== '';
  if (isPhpArray(value)) return phpCount(value) > 0;
  return true;
}

/**
 * What Validator::getSize measures on a field without a numeric rule: an array's count, otherwise
 * `mb_strlen($value ?? '')` of the value as PHP casts it to a string (null and false are "", true
 * is "1", a float as PHP writes it), in code points.
 */
export function phpSize(value: unknown): number {
  if (isPhpArray(value)) return phpCount(value);
  return [...(phpString(value) ?? '')].length;
}

/** brick/math's BigNumber::of for a decimal: sign, integral and/or fractional digits, an exponent. */
const DECIMAL = /^([-+])?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** PHP's `(int) $string`: leading white space, a sign and digits, else 0. */
function intCast(text: string): number {
  const match = /^[ \t\n\r\v\f]*([+-]?\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * A numeric value against an integer bound as validateMin/validateMax compare it when the field
 * has a numeric rule (`integer`): getSize gives the value itself, trimmed; an exponent outside
 * ±1000 (ensureExponentWithinAllowedRange) or a text BigNumber::of cannot read throws a
 * MathException, which both rules catch as a failure. A float is read as PHP writes it.
 */
function compareNumeric(value: unknown, limit: number): -1 | 0 | 1 | undefined {
  const text = typeof value === 'string' ? phpTrim(value) : (phpString(value) ?? '');
  const e = text.includes('e') ? text.indexOf('e') : text.indexOf('E');
  if (e !== -1 && Math.abs(intCast(text.slice(e + 1))) > 1000) return undefined;
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const [, sign, integral, fraction = '', exponent = '0'] = match;
  // The value is ±digits × 10^scale. Only its first SIGNIFICANT digits are read as a BigInt, and
  // only when it is near the bound: 1 MiB of digits made BigInts of a million digits (0.3 s).
  let digits = `${integral}${fraction}`.replace(/^0+/, '');
  let scale = Number(exponent) - fraction.length;
  const negative = sign === '-' && digits !== '';
  let dropped = false;
  if (digits.length > SIGNIFICANT) {
    dropped = /[1-9]/.test(digits.slice(SIGNIFICANT));
    scale += digits.length - SIGNIFICANT;
    digits = digits.slice(0, SIGNIFICANT);
  }
  if (digits === '') return limit > 0 ? -1 : limit < 0 ? 1 : 0;
  // Digits before the decimal point: far past any bound either way, the sign decides.
  const magnitude = digits.length + scale;
  if (magnitude > 25) return negative ? -1 : 1;
  if (magnitude < -25) return limit > 0 ? -1 : limit < 0 ? 1 : negative ? -1 : 1;
  const unscaled = BigInt(`${negative ? '-' : ''}${digits}`);
  // unscaled × 10^scale against limit, in integers.
  const left = scale >= 0 ? unscaled * 10n ** BigInt(scale) : unscaled;
  const right = scale >= 0 ? BigInt(limit) : BigInt(limit) * 10n ** BigInt(-scale);
  if (left !== right) return left < right ? -1 : 1;
  // Equal in the digits read: the digits dropped, if any is not 0, move it away from zero.
  return dropped ? (negative ? -1 : 1) : 0;
}

/** Significant digits compareNumeric reads: many more than any bound it is compared with holds. */
const SIGNIFICANT = 60;

/**
 * Validator::validateMin / validateMax: getSize against the bound. With a numeric rule on the field
 * (`numeric`), a numeric value is measured by its value — `limit=0.5` is under 1 and `limit=1e3`
 * over 100 though neither is an integer; anything else by phpSize (`limit=abc` is 3 long).
 */
export function sizePasses(value: unknown, bound: 'min' | 'max', limit: number, options: { numeric?: boolean } = {}): boolean {
  if (options.numeric && isNumeric(value)) {
    const order = compareNumeric(value, limit);
    return order !== undefined && (bound === 'min' ? order >= 0 : order <= 0);
  }
  const size = phpSize(value);
  return bound === 'min' ? size >= limit : size <= limit;
}

/**
 * ValidatesAttributes::validateAlphaDash: a value that is neither a string nor numeric fails; a
 * number is matched as PHP writes it (`12` passes, `12.5` does not).
 */
export function alphaDashPasses(value: unknown): boolean {
  return (typeof value === 'string' || isNumeric(value)) && ALPHA_DASH.test(phpString(value) ?? '');
}

/**
 * A rule Laravel runs on every value it validates (`validatable`), also after the field's type rule
 * failed — as a Zod check, which runs where Zod's own checks stop. `nonStrings` leaves strings to
 * the schema's own checks (`.max()`, `.regex()`), which already say what Laravel does for them.
 */
export function laravelRule(passes: (value: unknown) => boolean, error: string, options: { nonStrings?: boolean } = {}) {
  return z.superRefine(
    (value: unknown, ctx) => {
      if (!passes(value)) ctx.addIssue({ code: 'custom', message: error, input: value });
    },
    { when: (payload) => validatable(payload.value) && !(options.nonStrings && typeof payload.value === 'string') },
  );
}
