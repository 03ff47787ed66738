import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as schemas from '../../contracts/pelcro/schemas';
import { isRfcEmail } from '../../lib/php/email';
import { CustomerCreate, CustomerListQuery, CustomerUpdate, EXPAND_NAMES, customerSchema, laravel } from '../../contracts/pelcro/schemas';

const zodExports = Object.entries(schemas).filter(([, value]) => value instanceof z.ZodType) as [string, z.ZodType][];

describe('contracts/pelcro/schemas', () => {
  it('types the unexpanded envelope and list as the customer, field by field (checked by tsc)', () => {
    expectTypeOf<schemas.CustomerList['data'][number]>().toEqualTypeOf<schemas.Customer>();
    expectTypeOf<schemas.CustomerEnvelope['data']>().toEqualTypeOf<schemas.Customer>();
    expectTypeOf<schemas.CustomerList['data'][number]['email']>().not.toBeUnknown();
  });

  it('exports the schemas other modules code against', () => {
    const names = zodExports.map(([name]) => name);
    for (const name of [
      'Address',
      'Source',
      'Subscription',
      'Organization',
      'Customer',
      'CustomerExpanded',
      'CustomerEnvelope',
      'CustomerList',
      'CustomerCreate',
      'CustomerUpdate',
      'ValidationError',
      'MessageError',
      'CustomerListQuery',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(zodExports)('%s converts to JSON Schema 2020-12 in both directions', (_name, schema) => {
    for (const io of ['input', 'output'] as const) {
      expect(() => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' })).not.toThrow();
    }
  });

  it("gives email an OpenAPI pattern that refuses no address Laravel's email rule accepts", () => {
    const json = z.toJSONSchema(CustomerCreate, { target: 'draft-2020-12', io: 'input' }) as unknown as {
      properties: { email: { anyOf: { pattern?: string }[] } };
    };
    // The email is nullable: its pattern sits in the string branch of an anyOf.
    const pattern = json.properties.email.anyOf.find((branch) => branch.pattern !== undefined)?.pattern;
    expect(pattern).toBeDefined();
    const shape = new RegExp(pattern!);
    const accepted = [
      'a@b',
      'ñoño@example.com',
      '"a@b"@c.d',
      '\u00a0a@b.c',
      'a@b\u00a0c.d',
      'a@b[c].d',
      'a@[b c]',
      'a@[b]@c',
      'a@[b\r\nc]',
      '"a b"@[" ]" @\r\n',
      'a.""@b.c',
      'a(b)c@d.e',
      ' @b.c',
      '\0a@b',
      '"a\\\\"@b"@c.d',
    ];
    expect(accepted.filter((email) => !isRfcEmail(email))).toEqual([]);
    expect(accepted.filter((email) => !shape.test(email))).toEqual([]);
  });

  it('describes every list query parameter, site_id required', () => {
    const json = z.toJSONSchema(CustomerListQuery, { target: 'draft-2020-12', io: 'input' }) as { properties: object; required: string[] };
    expect(Object.keys(json.properties)).toEqual([
      'site_id',
      'page',
      'limit',
      'sort',
      'expand',
      'filter[email]',
      'filter[first_name]',
      'filter[last_name]',
      'filter[metadata]',
    ]);
    expect(json.required).toEqual(['site_id']);
  });

  it('gives every expansion combination its own exact schema', () => {
    const addressesOnly = customerSchema(['addresses']);
    expect(customerSchema(['addresses'])).toBe(addressesOnly);
    expect(customerSchema([...EXPAND_NAMES].reverse())).toBe(schemas.CustomerExpanded);
    expect(customerSchema([])).toBe(schemas.Customer);
    expect(addressesOnly.shape.subscriptions).toBe(schemas.Customer.shape.subscriptions);
  });

  it.each([
    [{ email: 'a@example.com', mail_marketing: '0', tele_marketing: 1, organization: '12' }, true],
    [{ display_name: 'Only' }, true],
    [{ old_provider_id: 'x', metadata: [] }, true],
    [{ email: 'a@example.com', organization: '012' }, false],
    [{}, false],
  ])("CustomerCreate accepts Laravel's value forms: %j → %s", (body, ok) => {
    expect(CustomerCreate.safeParse(body).success).toBe(ok);
  });

  it('CustomerUpdate needs no identity field', () => {
    expect(CustomerUpdate.safeParse({}).success).toBe(true);
    expect(CustomerUpdate.safeParse({ default_source_id: 3 }).success).toBe(true);
  });

  it.each([
    [laravel.required('first_name'), 'The first name field is required.'],
    [laravel.maxString('first_name', 255), 'The first name field must not be greater than 255 characters.'],
    [laravel.unique('email'), 'The email has already been taken.'],
    [
      laravel.requiredWithoutAll('email', ['old_provider_id', 'display_name']),
      'The email field is required when none of old provider id / display name are present.',
    ],
  ])("renders Laravel's text %j", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
