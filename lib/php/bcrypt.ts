/**
 * Whether Laravel's default hasher fails on the password: PHP's `password_hash($value,
 * PASSWORD_BCRYPT)` raises a ValueError ("Bcrypt password must not contain null character",
 * php-src 11f25687; php8.2-cli 8.2.32 raises it) for a NUL byte anywhere, and laravel/framework
 * v11.56.0 BcryptHasher::make turns that Error into a RuntimeException ("Bcrypt hashing not
 * supported."), which the exception handler answers with its 500. The password rules let such a
 * password through: `min:6` counts the NUL, and one of NULs alone is blank to `trim()`, so no rule
 * checks it at all.
 */
export function bcryptRefuses(password: string): boolean {
  return password.includes('\0');
}

/** The most bytes of a password bcrypt reads (crypt_blowfish's key schedule). */
export const BCRYPT_MAX_BYTES = 72;

/**
 * What of a password bcrypt hashes: its first 72 bytes of UTF-8, the rest ignored. PHP's
 * `password_hash($value, PASSWORD_BCRYPT)` truncates silently, and laravel/framework v11.56.0
 * BcryptHasher::make hands it the value unchecked (12.x added a `limit` option that refuses longer
 * values, unset by default), so a password that differs past its 72nd byte signs in as well (seen
 * side by side with a Laravel app). That Pelcro hashes with bcrypt, Laravel's default, is a guess.
 */
export function bcryptInput(password: string): Buffer {
  return Buffer.from(password, 'utf8').subarray(0, BCRYPT_MAX_BYTES);
}
