/**
 * What Laravel's validator does beyond a field's type rule (laravel/framework v11.56.0,
 * Illuminate\Validation\Validator and Concerns\ValidatesAttributes): which values a rule runs on,
 * what `required*` counts as given, and what the size rules measure. Without `bail`, Laravel runs
 * every rule of a field, so a field refused by `string` is still measured by `max`; a Zod schema
 * stops at its type, and `laravelRule` adds such a rule as a check that runs anyway.
 */
import { z } from 'zod';
import { isPhpArray, phpCount, phpString, phpTrim } from './scalars';

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

/** Validator::validateMin / validateMax: the size (phpSize) against the bound. */
export function sizePasses(value: unknown, bound: 'min' | 'max', limit: number): boolean {
  const size = phpSize(value);
  return bound === 'min' ? size >= limit : size <= limit;
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
