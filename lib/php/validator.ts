/**
 * Laravel's validation as Pelcro's controllers run it (Illuminate\Validation\Validator): every
 * failing field at once, each with its messages in rule order; a failed `required*` rule is
 * "implicit" and stops the field's other rules (Validator::shouldStopValidating). Also the value
 * forms of the `integer` and `boolean` rules and Laravel's naming of an attribute in a message.
 * The texts themselves belong to the caller (a provider's messages file).
 */
import { z } from 'zod';
import { filterInt, isJsonNumber } from './scalars';

/** Field name → messages, in Laravel's order. */
export type FieldMessages = Record<string, string[]>;

/**
 * The issue params of a `required*` failure: Laravel treats it as implicit, so the field reports
 * that one message. ErrorBag reads this flag to do the same.
 */
export const IMPLICIT = { implicit: true } as const;

/** What ErrorBag reads of a Zod issue. */
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

interface FieldState {
  messages: string[];
  implicit: boolean;
}

/** Field errors collected in Laravel's order: the order the rules are declared in. */
export class ErrorBag {
  private readonly fields = new Map<string, FieldState>();

  constructor(private readonly order: readonly string[] = []) {}

  add(field: string, message: string, implicit = false): void {
    const state = this.fields.get(field);
    if (!state) {
      this.fields.set(field, { messages: [message], implicit });
    } else if (implicit && !state.implicit) {
      state.messages = [message];
      state.implicit = true;
    } else if (!state.implicit && !state.messages.includes(message)) {
      state.messages.push(message);
    }
  }

  /** Zod issues under their dotted path (`body` for the root), or under `field` when given. */
  addIssues(issues: readonly Issue[], options: { skip?: string; field?: string } = {}): void {
    for (const issue of issues) {
      const field = options.field ?? (issue.path.length === 0 ? 'body' : issue.path.map(String).join('.'));
      if (field === options.skip) continue;
      const params = (issue as { params?: Record<string, unknown> }).params;
      this.add(field, issue.message, params?.implicit === IMPLICIT.implicit);
    }
  }

  has(field: string): boolean {
    return this.fields.has(field);
  }

  get empty(): boolean {
    return this.fields.size === 0;
  }

  toFields(): FieldMessages {
    const keys = [...this.fields.keys()];
    const rank = (key: string) => {
      const i = this.order.indexOf(key);
      return i === -1 ? this.order.length : i;
    };
    keys.sort((a, b) => rank(a) - rank(b));
    const out: FieldMessages = {};
    for (const key of keys) out[key] = this.fields.get(key)!.messages;
    return out;
  }
}

/** How Laravel names an attribute inside a message: `first_name` reads "first name". */
export function attributeName(field: string): string {
  return field.replace(/_/g, ' ');
}

/** PHP's FILTER_VALIDATE_INT, which the `integer` rule applies to a string: optional sign, no leading zeros. */
const INTEGER_STRING = /^[+-]?(?:0|[1-9]\d*)$/;

/** Which of the rules below built a schema, so that a validated value can be read as the rule means it. */
const RULES = new WeakMap<z.core.$ZodType, 'integer' | 'boolean'>();

/**
 * A JSON number as the `integer` rule reads it: the integer FILTER_VALIDATE_INT finds in it (a
 * number, or its digits past 2^53), else the number itself, which the rule then refuses.
 */
function integerOfNumber(value: unknown): unknown {
  if (!isJsonNumber(value)) return value;
  const int = filterInt(value);
  if (int === undefined) return value;
  return int >= -MAX_SAFE && int <= MAX_SAFE ? Number(int) : int.toString();
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The `integer` rule, `filter_var($value, FILTER_VALIDATE_INT) !== false` (Validator::validateInteger,
 * laravel/framework v11.56.0), with FILTER_VALIDATE_INT as lib/php/scalars.ts ports it: an int up to
 * PHP_INT_MAX, a string of digits without leading zeros, `true` (PHP casts it to "1"; `false` casts
 * to "" and fails), and a float PHP writes as an integer — JSON `7.0`, `1e0`, `7.000000000000001`
 * (all "7" or "1" by PHP's string cast) pass and read as that integer, `7.5` and `1e15`
 * ("1.0E+15") do not. Its JSON Schema says what a client may send: an integer (which `7.0` is, to
 * JSON Schema), `true` or digits.
 */
export function integerRule(error: string) {
  const rule = z.preprocess<unknown, z.ZodUnion<[z.ZodInt, z.ZodLiteral<true>, z.ZodString]>, number | true | string>(
    integerOfNumber,
    z.union(
      [
        z.int({ error }),
        z.literal(true, { error }),
        z
          .string()
          .regex(INTEGER_STRING, { error })
          // Digits past PHP_INT_MAX (a refinement the pattern cannot state).
          .refine((s) => filterInt(s) !== undefined, { error, when: (payload) => payload.issues.length === 0 }),
      ],
      { error },
    ),
  );
  RULES.set(rule, 'integer');
  return rule;
}

/** The `boolean` rule: true, false, 1, 0, "1", "0". */
export function booleanRule(error: string) {
  const rule = z.union([z.boolean(), z.literal([0, 1, '0', '1'])], { error });
  RULES.set(rule, 'boolean');
  return rule;
}

/** The rule (`integer`, `boolean`) a field's schema was built with, through `.optional()` and `.nullable()`. */
export function ruleOf(schema: z.ZodType): 'integer' | 'boolean' | undefined {
  let inner: z.core.$ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
  return RULES.get(inner);
}

/** A validated input value as the field's rule means it: a number for `integer`, a boolean for `boolean`. */
export function ruleValue(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const rule = ruleOf(schema);
  return rule === 'integer' ? toInt(value) : rule === 'boolean' ? toBool(value) : value;
}

/** The `alpha_dash` rule's pattern: `/\A[\pL\pM\pN_-]+\z/u`. */
export const ALPHA_DASH = /^[\p{L}\p{M}\p{N}_-]+$/u;

/**
 * An `integer` input as a number: the integer FILTER_VALIDATE_INT reads (a float `7.0` is 7, as an
 * integer column stores it); anything else is no integer (NaN), never a 500. Past 2^53 the number
 * is the nearest double: no id the mock holds is that large.
 */
export function toInt(value: unknown): number {
  const int = filterInt(value);
  return int === undefined ? Number.NaN : Number(int);
}

/** A `boolean` input as a boolean. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}
