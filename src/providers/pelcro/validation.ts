/**
 * Laravel-style validation on top of the contract's Zod schemas: every failing field at once, each
 * with its messages in rule order; a failed `required*` rule (marked implicit) stops the field's
 * other rules, as Laravel's Validator::shouldStopValidating does.
 */
import type { z } from 'zod';
import { IMPLICIT, laravel, SiteId } from '../../../contracts/pelcro/schemas';
import { ApiError, type FieldErrors } from '../../core/errors';
import type { Input } from './input';

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

  addIssues(issues: readonly z.core.$ZodIssue[], skip?: string): void {
    for (const issue of issues) {
      const field = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
      if (field === skip) continue;
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

  toFields(): FieldErrors {
    const keys = [...this.fields.keys()];
    const rank = (key: string) => {
      const i = this.order.indexOf(key);
      return i === -1 ? this.order.length : i;
    };
    keys.sort((a, b) => rank(a) - rank(b));
    const out: FieldErrors = {};
    for (const key of keys) out[key] = this.fields.get(key)!.messages;
    return out;
  }

  /** Throws Pelcro's 400 when anything failed. */
  throwIfAny(): void {
    if (!this.empty) throw ApiError.validation(this.toFields());
  }
}

/** Laravel's `integer` inputs come as numbers or digit strings; anything else is no id (NaN). */
export function toInt(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
}

/** Laravel's `boolean` inputs: true, false, 1, 0, "1", "0". */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/**
 * `site_id` (required on every call, from the query or the body): the site id, or undefined with
 * the failure recorded in `bag`.
 */
export function resolveSite(input: Input, bag: ErrorBag): number | undefined {
  const raw = input.site_id;
  if (raw === undefined || raw === null) {
    bag.add('site_id', laravel.required('site_id'), true);
    return undefined;
  }
  const parsed = SiteId.safeParse(raw);
  if (!parsed.success) {
    bag.addIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ['site_id'] })));
    return undefined;
  }
  return toInt(parsed.data);
}
