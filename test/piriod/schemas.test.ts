import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as schemas from '../../contracts/piriod/schemas';
import {
  COUNTRIES,
  STATES,
  defaultCurrency,
  findState,
  formatRut,
  isValidRut,
  rutCheckDigit,
  rutFor,
} from '../../contracts/piriod/reference';

describe('reference data', () => {
  it('renders Chile as the API does', () => {
    expect(COUNTRIES.get('CL')).toEqual({ id: 'CL', name: 'Chile', code: '+56', has_regulation: true, currencies: ['CLP'] });
    expect(COUNTRIES.get('AR')?.has_regulation).toBe(false);
    expect(COUNTRIES.size).toBeGreaterThan(240);
  });

  it('gives every state an id of at most six characters that starts with its country', () => {
    for (const [country, states] of STATES) {
      for (const state of states) {
        expect(state.id.length).toBeLessThanOrEqual(6);
        expect(state.id.startsWith(country)).toBe(true);
      }
    }
    expect(findState('CL', 'RM')?.id).toBe('CLRM');
    expect(findState('CL', 'USAZ')).toBeUndefined();
  });

  it('defaults currencies from the country, CLP otherwise', () => {
    expect([defaultCurrency('CL'), defaultCurrency('US'), defaultCurrency(null), defaultCurrency('AQ')]).toEqual([
      'CLP',
      'USD',
      'CLP',
      'CLP',
    ]);
  });

  it.each([
    ['12.345.678-5', true],
    ['15.509.661-6', true],
    ['8.900.960-K', true],
    ['8.900.960-k', true],
    ['77.175.361-2', true],
    ['76.123.456-0', true],
    ['12.345.678-4', false],
    ['12.34.5678-5', false],
    ['', false],
    ['0-0', false],
  ])('isValidRut(%j) is %s', (rut, valid) => {
    expect(isValidRut(rut)).toBe(valid);
  });

  it('computes check digits and formats RUTs', () => {
    expect([12_345_678, 8_900_960, 77_175_361].map(rutCheckDigit)).toEqual(['5', 'K', '2']);
    expect(formatRut('123456785')).toBe('12.345.678-5');
    expect(rutFor(1_234_567)).toBe('1.234.567-4');
  });

  it('writes every body of one to eight digits as formatRut writes it with its check digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (body) => {
        expect(rutFor(body)).toBe(formatRut(`${body}${rutCheckDigit(body)}`));
      }),
      { numRuns: 5_000 },
    );
    for (const body of [1, 12, 123, 1_234, 99_999, 100_000, 999_999, 1_000_000, 99_999_999]) {
      expect(rutFor(body)).toBe(formatRut(`${body}${rutCheckDigit(body)}`));
    }
  });
});

describe('schemas', () => {
  const exported = Object.entries(schemas).filter(([, v]) => v instanceof z.ZodType) as [string, z.ZodType][];

  it('exports every schema other engineers code against', () => {
    const names = exported.map(([name]) => name);
    for (const name of [
      'Country',
      'State',
      'Contact',
      'Source',
      'Aggregations',
      'Customer',
      'CustomerList',
      'CustomerCreate',
      'CustomerUpdate',
      'DetailError',
      'FieldErrors',
      'CustomerListQuery',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(['input', 'output'] as const)('converts to JSON Schema (%s) without losing a schema', (io) => {
    for (const [name, schema] of exported) {
      const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
      expect(Object.keys(json).length, name).toBeGreaterThan(1);
    }
  });

  it('documents every list parameter with its type', () => {
    const json = z.toJSONSchema(schemas.CustomerListQuery, { target: 'draft-2020-12', io: 'input' }) as {
      properties: Record<string, { type?: string; anyOf?: unknown }>;
    };
    for (const name of [
      'page',
      'page_size',
      'ordering',
      'search',
      'country',
      'country__in',
      'country__name',
      'name__icontains',
      'email__in',
      'tax_id__exact',
      'created__gte',
      'created__lte',
    ]) {
      expect(json.properties[name], name).toBeDefined();
    }
    // The known keys are listed, beside any string: DRF ignores unknown keys and takes several.
    expect(json.properties.ordering).toMatchObject({
      anyOf: [{ enum: ['name', 'created', 'updated', '-name', '-created', '-updated'] }, { type: 'string' }],
    });
    expect(json.properties.page_size).toMatchObject({ anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string' }] });
  });

  it("documents the create body with DRF's limits", () => {
    const json = z.toJSONSchema(schemas.CustomerCreate, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(json.required).toEqual(['name']);
    expect(JSON.stringify(json.properties.name)).toContain('"maxLength":100');
    expect(JSON.stringify(json.properties.email)).toContain('"format":"email"');
  });

  it('describes responses strictly enough to catch a wrong one', () => {
    const good = {
      id: 'cus_3ZkR8bQpW1xYt6NvLm2a',
      address: null,
      aggregations: { balance: 0, sales: 0, sales_current_period: 0 },
      contacts: [],
      country: null,
      currency: 'CLP',
      email: null,
      manager: null,
      metadata: {},
      name: 'X',
      phone: null,
      reference: null,
      send_collections: true,
      send_invoices: true,
      send_vouchers: false,
      sources: [],
      state: null,
      status: 'active',
      tax_id: null,
      tax_settings: {},
      test_mode: false,
      website: null,
      zip_code: null,
      created: '2020-10-15T13:26:15.356289-03:00',
      updated: '2020-10-15T13:26:15-03:00',
    };
    expect(schemas.Customer.safeParse(good).success).toBe(true);
    expect(schemas.Customer.safeParse({ ...good, id: 'cus_short' }).success).toBe(false);
    expect(schemas.Customer.safeParse({ ...good, created: '2020-10-15 13:26:15' }).success).toBe(false);
    expect(schemas.Customer.safeParse({ ...good, country: 'CL' }).success).toBe(false);
    expect(
      schemas.Customer.safeParse({
        ...good,
        sources: [
          { id: 'sou_5tGv8KpQ2wXz7LmN4bYc', gateway: 'stripe', status: 'chargeable', created: good.created, updated: good.created },
        ],
      }).success,
    ).toBe(false);
  });
});
