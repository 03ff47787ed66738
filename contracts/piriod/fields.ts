/**
 * DRF serializer fields as Zod schemas, with DRF's exact messages (rest_framework/fields.py, in ./messages), so
 * the one definition both validates requests in the mock and documents them in OpenAPI.
 *
 * What each builder reproduces:
 * - CharField: numbers are accepted and become `str(n)`; booleans, lists and objects are
 *   `MESSAGES.notAString` (EmailField's and URLField's own `invalid` text instead); surrounding whitespace is trimmed (Python's set); a blank value stops
 *   further checks (`MESSAGES.blank` unless blanks are allowed); then every
 *   validator runs and every failure is listed, in DRF's order: max length (counted in code
 *   points), null characters, surrogates, then the field's own (email, URL).
 * - ChoiceField: the value must equal a choice exactly; the message quotes Python's `str(value)`.
 * - DictField: anything but an object is refused with its Python type name.
 * - BooleanField: DRF's TRUE_VALUES and FALSE_VALUES (`"yes"` in any case, `"on"`, `1`, `0.0` …) become
 *   booleans; anything else is `MESSAGES.notABoolean`.
 * - Missing → `MESSAGES.required` (unless optional); null → `MESSAGES.null` (unless nullable).
 */
import { z } from 'zod';
import { PyNumber, pyLen, pyStr, pyStrip, pyTypeName } from '../../lib/python/python';
import { MESSAGES } from './messages';
import { firstSurrogate, hasNullCharacter, isDjangoEmail, isDjangoUrl } from '../../lib/python/validators';

/** How a field treats absence, null and blanks (DRF's `required`, `allow_null`, `allow_blank`). */
export interface Presence {
  required: boolean;
  allowNull: boolean;
  allowBlank?: boolean;
}

export interface Documentation {
  description?: string;
  example?: unknown;
}

/** The message for a value of the wrong type: absent, null, or `otherwise`. */
function typeError(otherwise: (input: unknown) => string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? MESSAGES.required : issue.input === null ? MESSAGES.null : otherwise(issue.input);
}

/**
 * The schema as the field's presence rules make it: nullable with `allowNull`, optional unless
 * `required`. The type follows the rules given, so the record types inferred from the schemas
 * know which fields may be null or absent.
 */
export type Wrapped<T extends z.ZodType, P extends Presence> = P['required'] extends true
  ? P['allowNull'] extends true
    ? z.ZodNullable<T>
    : T
  : z.ZodOptional<P['allowNull'] extends true ? z.ZodNullable<T> : T>;

function wrap<T extends z.ZodType, P extends Presence>(schema: T, presence: P, doc: Documentation): Wrapped<T, P> {
  const nullable = presence.allowNull ? schema.nullable() : schema;
  const optional = presence.required ? nullable : nullable.optional();
  const meta: Record<string, unknown> = {};
  if (doc.description) meta.description = doc.description;
  if (doc.example !== undefined) meta.examples = [doc.example];
  // The one place the run-time rules meet the type: `Wrapped` states what the branches above build.
  return (Object.keys(meta).length > 0 ? optional.meta(meta) : optional) as Wrapped<T, P>;
}

/** CharField's lenience: numbers become their Python `str()`, strings are trimmed. */
function charInput(value: unknown): unknown {
  if (typeof value === 'string') return pyStrip(value);
  if (typeof value === 'number' || value instanceof PyNumber) return pyStr(value);
  return value;
}

export interface StringValidator {
  test(value: string): boolean;
  message: string;
  /** JSON Schema `format` this validator stands for, for the OpenAPI document. */
  format?: string;
}

export interface CharOptions extends Presence, Documentation {
  maxLength?: number;
  validators?: StringValidator[];
  /**
   * The field's `invalid` message, which CharField.to_internal_value fails with for a value that
   * is no text nor number (default `MESSAGES.notAString`). EmailField and URLField override it in
   * their `default_error_messages` (rest_framework/fields.py), so a boolean, a list or a dict sent
   * as an email is `Enter a valid email address.`, as a website `Enter a valid URL.`.
   */
  invalid?: string;
}

/**
 * DRF EmailField and URLField: a CharField whose validator fails with the field's own `invalid`
 * text (rest_framework/fields.py builds the EmailValidator / URLValidator with
 * `self.error_messages['invalid']`), so the format check and a value that is no text read alike.
 */
export const EMAIL_FIELD: Pick<CharOptions, 'validators' | 'invalid'> = {
  validators: [{ test: isDjangoEmail, message: MESSAGES.email, format: 'email' }],
  invalid: MESSAGES.email,
};
export const URL_FIELD: Pick<CharOptions, 'validators' | 'invalid'> = {
  validators: [{ test: isDjangoUrl, message: MESSAGES.url, format: 'uri' }],
  invalid: MESSAGES.url,
};

/** DRF CharField (and EmailField / URLField through `validators` and `invalid`). */
export function charField<const O extends CharOptions>(options: O) {
  const invalid = options.invalid ?? MESSAGES.notAString;
  let text = z.string({ error: typeError(() => invalid) });
  if (!options.allowBlank) text = text.check(z.refine((v: string) => v !== '', { error: MESSAGES.blank, abort: true }));
  const max = options.maxLength;
  // Metadata belongs to one schema instance, so it is attached once the checks are all added.
  const jsonSchema: Record<string, unknown> = {};
  if (max !== undefined) {
    // Python counts code points; JSON Schema's maxLength does too.
    text = text.refine((v) => pyLen(v) <= max, { error: MESSAGES.maxLength(max) });
    jsonSchema.maxLength = max;
  }
  text = text
    .refine((v) => !hasNullCharacter(v), { error: MESSAGES.nullCharacters })
    .refine((v) => firstSurrogate(v) === undefined, {
      error: (issue) => MESSAGES.surrogate(firstSurrogate(String(issue.input)) ?? 0xd800),
    });
  for (const validator of options.validators ?? []) {
    // An allowed blank returns before any validator runs (CharField.run_validation).
    text = text.refine((v) => v === '' || validator.test(v), { error: validator.message });
    if (validator.format) jsonSchema.format = validator.format;
  }
  if (Object.keys(jsonSchema).length > 0) text = text.meta(jsonSchema);
  return wrap(z.preprocess(charInput, text), options, options);
}

/** DRF ChoiceField over string choices. */
export function choiceField<const T extends readonly [string, ...string[]], const O extends Presence & Documentation>(
  choices: T,
  options: O,
) {
  return wrap(z.enum(choices, { error: typeError(MESSAGES.invalidChoice) }), options, options);
}

/**
 * What DictField's `to_internal_value` accepts (a dict), as z.record(z.string(), z.unknown())
 * accepts it: a plain object. Checked, not rebuilt: a DictField without a child keeps the dict it
 * was given (the handlers store it as sent), and the record's copy of every key was most of the
 * check of a 60,000-key dict.
 */
const dict = z
  .unknown()
  .refine((value) => z.core.util.isPlainObject(value), { error: typeError(MESSAGES.notADict) })
  // What the record's JSON Schema said (an unknown refined is representable, a custom type is not).
  .meta({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} }) as z.ZodType<Record<string, unknown>>;

/** DRF DictField with unvalidated values. */
export function dictField<const O extends Presence & Documentation>(options: O) {
  return wrap(dict, options, options);
}

// rest_framework/fields.py BooleanField.TRUE_VALUES / FALSE_VALUES (3.15), which
// BooleanField._lower_if_str meets with a string lower-cased (3.14 listed each case instead:
// `"tRuE"` was refused). Python's `1 == 1.0 == True` and `0 == 0.0 == -0.0 == False` make the floats
// members too: a float arrives as a PyNumber, and is looked up by its value.
const TRUE_VALUES: ReadonlySet<unknown> = new Set(['t', 'y', 'yes', 'true', 'on', '1', 1, true]);
const FALSE_VALUES: ReadonlySet<unknown> = new Set(['f', 'n', 'no', 'false', 'off', '0', 0, false]);

function booleanInput(value: unknown): unknown {
  // toLowerCase and Python's str.lower agree on every text they turn into one of these.
  const key = typeof value === 'string' ? value.toLowerCase() : value instanceof PyNumber ? value.value : value;
  if (TRUE_VALUES.has(key)) return true;
  if (FALSE_VALUES.has(key)) return false;
  return value;
}

/** DRF BooleanField (no `null` values unless allowed: BooleanField's NULL_VALUES then mean null). */
export function booleanField<const O extends Presence & Documentation>(options: O) {
  const bool = z.boolean({ error: typeError(() => MESSAGES.notABoolean) });
  return wrap(z.preprocess(booleanInput, bool), options, options);
}

/**
 * DRF PrimaryKeyRelatedField, without its queryset (whether the object exists is the server's
 * check), as rest_framework/relations.py (3.14 and 3.15) reads a value. For fields that do not allow null.
 * - `""` is null (RelatedField.run_validation);
 * - a bool is refused before any lookup (to_internal_value raises TypeError for it):
 *   `Incorrect type. Expected pk value, received bool.`;
 * - anything else goes to `queryset.get(pk=data)`, whose CharField primary key takes `str(data)`
 *   (Django's CharField.get_prep_value → to_python): a number, a list, a dict or an uploaded file
 *   is looked up by its Python `str()` (`1.0`, `['x']`, `{'id': 'x'}`), and a list or dict then
 *   names no object;
 * - a text with a lone surrogate cannot be sent to the database: the driver's UnicodeEncodeError
 *   is a ValueError, which to_internal_value catches: `Incorrect type. Expected pk value, received str.`;
 *   so is one with a null character, which psycopg2 refuses to quote (ValueError, psycopg/utils.c
 *   psycopg_escape_string; **guess**: the driver is psycopg2).
 */
export function relatedField<const O extends Presence & Documentation>(options: O) {
  const pk = z
    .string({ error: typeError((input) => MESSAGES.incorrectPkType(pyTypeName(input))) })
    .refine((value) => value.isWellFormed() && !value.includes('\0'), { error: MESSAGES.incorrectPkType(pyTypeName('')) });
  const input = (value: unknown) =>
    value === ''
      ? null
      : typeof value === 'string' || typeof value === 'boolean' || value === null || value === undefined
        ? value
        : pyStr(value);
  return wrap(z.preprocess(input, pk), options, options);
}

/**
 * A serializer over `shape`: anything but an object is refused as Serializer.to_internal_value
 * refuses it (a JSON `null` body is `MESSAGES.noData`, from Serializer.errors), a JSON number JS
 * cannot hold faithfully (a PyNumber object) included.
 */
export function serializerObject<const S extends z.core.$ZodLooseShape>(shape: S) {
  return z.object(shape, { error: (issue) => (issue.input === null ? MESSAGES.noData : MESSAGES.notAnObject(issue.input)) });
}

/** `schema` behind the PyNumber guard: a number object is still a number, not a dict. */
export function refusingNumbers<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (value instanceof PyNumber) ctx.addIssue({ code: 'custom', message: MESSAGES.notAnObject(value), input: value });
    return value;
  }, schema);
}
