/**
 * Laravel's validation messages, word for word from the framework's `lang/en/validation.php`
 * (Laravel 10/11), with Laravel's attribute naming: `Str::snake($attribute)` with underscores turned
 * into spaces, so `first_name` reads "first name" and `site_id` reads "site id".
 *
 * Pelcro is a Laravel API and its validation errors carry these texts (its docs quote "The email field
 * is required." and "The first name field must not be greater than 255 characters.").
 */

/** How Laravel names an attribute inside a message. */
export function attributeName(field: string): string {
  return field.replace(/_/g, ' ');
}

const a = attributeName;
const list = (fields: readonly string[]) => fields.map(a).join(' / ');

export const laravel = {
  required: (f: string) => `The ${a(f)} field is required.`,
  requiredWith: (f: string, others: readonly string[]) =>
    `The ${a(f)} field is required when ${list(others)} is present.`,
  requiredWithoutAll: (f: string, others: readonly string[]) =>
    `The ${a(f)} field is required when none of ${list(others)} are present.`,
  string: (f: string) => `The ${a(f)} field must be a string.`,
  email: (f: string) => `The ${a(f)} field must be a valid email address.`,
  boolean: (f: string) => `The ${a(f)} field must be true or false.`,
  integer: (f: string) => `The ${a(f)} field must be an integer.`,
  array: (f: string) => `The ${a(f)} field must be an array.`,
  maxString: (f: string, max: number) => `The ${a(f)} field must not be greater than ${max} characters.`,
  minString: (f: string, min: number) => `The ${a(f)} field must be at least ${min} characters.`,
  maxNumeric: (f: string, max: number) => `The ${a(f)} field must not be greater than ${max}.`,
  minNumeric: (f: string, min: number) => `The ${a(f)} field must be at least ${min}.`,
  digitsBetween: (f: string, min: number, max: number) =>
    `The ${a(f)} field must be between ${min} and ${max} digits.`,
  timezone: (f: string) => `The ${a(f)} field must be a valid timezone.`,
  alphaDash: (f: string) => `The ${a(f)} field must only contain letters, numbers, dashes, and underscores.`,
  /** `in`, `exists`, `enum`, `not_in` share this text. */
  invalid: (f: string) => `The selected ${a(f)} is invalid.`,
  unique: (f: string) => `The ${a(f)} has already been taken.`,
  filled: (f: string) => `The ${a(f)} field must have a value.`,
} as const;

/** Laravel's `lang/en/pagination.php`: the labels of the previous/next entries of `meta.links`. */
export const PAGINATION_LABELS = { previous: '&laquo; Previous', next: 'Next &raquo;' } as const;
