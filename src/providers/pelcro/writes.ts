/**
 * Create and update of a customer, after validation: from a validated body to the next immutable
 * customer value. Uniqueness and "belongs to" checks need the sandbox and live here too.
 */
import type { z } from 'zod';
import { laravel, type Customer, type CustomerCreate, type CustomerUpdate } from '../../../contracts/pelcro/schemas';
import type { Input } from './input';
import { defineOwn } from './php-params';
import { fullName, type StoredCustomer } from './model';
import type { PelcroSandbox } from './sandbox';
import { toBool, toInt, type ErrorBag } from './validation';

type CreateData = z.output<typeof CustomerCreate>;
type UpdateData = z.output<typeof CustomerUpdate>;

/**
 * The checks Laravel runs against the database: `unique` (per site) and `exists`. They look only
 * at fields that passed their own rules, whose raw input is then their validated value.
 */
export function checkAgainstStore(data: Input, bag: ErrorBag, sandbox: PelcroSandbox, self?: StoredCustomer): void {
  const selfId = self?.view.id;
  const unique = (field: 'email' | 'username' | 'old_provider_id', index: PelcroSandbox['emails']) => {
    const value = data[field];
    if (typeof value === 'string' && !bag.has(field) && index.takenByOther(value, selfId)) bag.add(field, laravel.unique(field));
  };
  unique('email', sandbox.emails);
  unique('username', sandbox.usernames);
  unique('old_provider_id', sandbox.oldProviderIds);
  if (data.organization != null && !bag.has('organization') && !sandbox.organizations.has(toInt(data.organization))) {
    bag.add('organization', laravel.invalid('organization'));
  }
  if (data.default_source_id != null && !bag.has('default_source_id')) {
    const id = toInt(data.default_source_id);
    if (!self?.sourceIds.includes(id) || !sandbox.sources.has(id)) bag.add('default_source_id', laravel.invalid('default_source_id'));
  }
}

/** Metadata without the keys set to null; PHP's empty array `[]` is an empty object. */
function mergeMetadata(current: Record<string, unknown>, patch: Record<string, unknown> | unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current)) defineOwn(out, key, value);
  if (Array.isArray(patch)) return out;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else defineOwn(out, key, value);
  }
  return out;
}

const digitsOnly = (phone: string | null | undefined) => (phone == null ? null : phone.replace(/\D/g, ''));

export function newCustomer(data: CreateData, id: number, now: number): StoredCustomer {
  const first = data.first_name ?? null;
  const last = data.last_name ?? null;
  const hasPassword = data.password !== undefined;
  const view: Customer = {
    id,
    addresses: [],
    default_source_id: null,
    default_source: null,
    organization: data.organization == null ? null : toInt(data.organization),
    subscriptions: [],
    display_name: data.display_name ?? null,
    username: data.username ?? null,
    email: data.email ?? null,
    email_confirm: false,
    email_hardbounce: data.email_hardbounce === undefined ? false : toBool(data.email_hardbounce),
    first_name: first,
    last_name: last,
    mail_marketing: data.mail_marketing === undefined ? false : toBool(data.mail_marketing),
    metadata: data.metadata == null ? {} : mergeMetadata({}, data.metadata),
    name: fullName(first, last),
    old_provider_id: data.old_provider_id ?? null,
    is_imported: false,
    phone: digitsOnly(data.phone),
    phone_confirm: false,
    salutation: data.salutation ?? null,
    // "Defaults to en" (Open API register; the Core API create page names no other default).
    language: data.language ?? 'en',
    title: data.title ?? null,
    tin: data.tin ?? null,
    profile_photo: null,
    tele_marketing: data.tele_marketing === undefined ? false : toBool(data.tele_marketing),
    timezone: data.timezone ?? null,
    has_password: hasPassword,
    password_last_updated_at: hasPassword ? now : null,
    last_login_at: null,
    last_login_method: null,
    created_at: now,
    updated_at: now,
  };
  return { view, sourceIds: [] };
}

/**
 * The customer after a PUT: only the fields sent change; `metadata` merges (null removes a key,
 * `metadata: null` leaves it as it is), `organization: null` detaches. Like Eloquent's save(),
 * `updated_at` moves only when something changed: the result is `current` itself otherwise.
 */
export function updatedCustomer(current: StoredCustomer, data: UpdateData, now: () => number): StoredCustomer {
  const before = current.view;
  const next: Customer = { ...before };
  const set = <K extends keyof Customer>(key: K, value: Customer[K]) => {
    next[key] = value;
  };
  const text = ['display_name', 'username', 'email', 'first_name', 'last_name', 'old_provider_id', 'salutation', 'title', 'tin', 'language', 'timezone'] as const;
  for (const key of text) if (data[key] !== undefined) set(key, data[key] ?? null);
  if (data.phone !== undefined) set('phone', digitsOnly(data.phone));
  for (const key of ['mail_marketing', 'tele_marketing', 'email_hardbounce'] as const) {
    if (data[key] !== undefined) set(key, toBool(data[key]));
  }
  if (data.metadata != null) set('metadata', mergeMetadata(before.metadata, data.metadata));
  if (data.organization !== undefined) set('organization', data.organization === null ? null : toInt(data.organization));
  if (data.default_source_id !== undefined) {
    set('default_source_id', data.default_source_id === null ? null : toInt(data.default_source_id));
  }
  if (data.first_name !== undefined || data.last_name !== undefined) set('name', fullName(next.first_name, next.last_name));

  // A new password is always a change (its hash differs even when the text is the same).
  const passwordChanged = data.password !== undefined;
  const changed = passwordChanged || (Object.keys(next) as (keyof Customer)[]).some((key) =>
    key === 'metadata' ? JSON.stringify(next.metadata) !== JSON.stringify(before.metadata) : next[key] !== before[key],
  );
  if (!changed) return current;
  const at = now();
  if (passwordChanged) {
    next.has_password = true;
    next.password_last_updated_at = at;
  }
  next.updated_at = at;
  return { view: next, sourceIds: current.sourceIds };
}
