import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as schemas from '../../contracts/piriod/schemas';
import { COUNTRIES, STATES, defaultCurrency, findState, formatRut, isValidRut, rutCheckDigit, rutFor } from '../../contracts/piriod/reference';
import { PyNumber, pyFloatRepr, pyInt, pyLen, pyRepr, pyStr, pyStrip, pyTypeName } from '../../contracts/piriod/python';
import { parseDjangoDateTime, renderInstant, toInstantMicros } from '../../contracts/piriod/time';
import { isDjangoEmail, isDjangoUrl } from '../../contracts/piriod/validators';
import { searchTerms } from '../../src/providers/piriod/search';
import { QueryDict, quotePlus, withQueryParam } from '../../src/providers/piriod/query';

describe('Python semantics in messages', () => {
  // Expected values printed by CPython 3.12's repr().
  it.each([
    [0.1, '0.1'],
    [1.5, '1.5'],
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [123456789.123, '123456789.123'],
    [1e22, '1e+22'],
    [-2.5e-7, '-2.5e-07'],
    [100, '100.0'],
    [0.0001, '0.0001'],
    [12345678901234567, '1.2345678901234568e+16'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'],
  ])('repr(float(%s)) is %s', (value, text) => {
    expect(pyFloatRepr(value)).toBe(text);
  });

  it('prints values as str() and repr() do', () => {
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(new PyNumber('float', '', 1))).toBe('1.0');
    expect(pyStr(new PyNumber('int', '12345678901234567890', 12345678901234567890))).toBe('12345678901234567890');
    expect(pyRepr(["it's", 'a"b', 'x\ny', 'é\u200b'])).toBe(`["it's", 'a"b', 'x\\ny', 'é\\u200b']`);
    expect(pyRepr(['CL', 1, 2.5, null, true, { a: 'b' }])).toBe("['CL', 1, 2.5, None, True, {'a': 'b'}]");
  });

  it('names Python types', () => {
    expect([[], {}, 's', 1, 1.5, new PyNumber('float', '', 2), true, null].map(pyTypeName)).toEqual([
      'list', 'dict', 'str', 'int', 'float', 'float', 'bool', 'NoneType',
    ]);
  });

  it('strips, measures and parses integers like Python', () => {
    expect(pyStrip('\u00a0\u3000 x \x1c\u2028')).toBe('x');
    expect(pyStrip('\ufeffx')).toBe('\ufeffx');
    expect(pyLen('😀a')).toBe(2);
    expect([' 7 ', '+3', '-2', '1_000', '1__0', '1.0', '', 'x'].map(pyInt)).toEqual([7, 3, -2, 1000, undefined, undefined, undefined, undefined]);
  });
});

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
    expect([defaultCurrency('CL'), defaultCurrency('US'), defaultCurrency(null), defaultCurrency('AQ')]).toEqual(['CLP', 'USD', 'CLP', 'CLP']);
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
});

describe('Django validators', () => {
  it.each([
    ['a@b.co', true],
    ['user@localhost', true],
    ['x@[IPv6:::1]', false],
    ['x@[::1]', true],
    ['x@[1.2.3.04]', false],
    ['a@xn--and-6ma2c.cl', true],
    ['a@ñandú.cl', true],
    [`${'a'.repeat(64)}@${'b'.repeat(250)}.cl`, false],
  ])('isDjangoEmail(%j) is %s', (email, valid) => {
    expect(isDjangoEmail(email)).toBe(valid);
  });

  it.each([
    ['https://andes.cl', true],
    ['HTTPS://ANDES.CL', true],
    ['https://andes.cl.', true],
    ['https://xn--and-6ma2c.cl', true],
    ['https://a_b.cl', false],
    ['https://andes.c', false],
    ['https://😀.cl', false],
    ['http://0.0.0.0', true],
    ['http://01.2.3.4', false],
    ['https://andes.cl/a b', false],
    // The host name may not pass 253 characters.
    [`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.cl`, true],
    [`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.cl`, false],
  ])('isDjangoUrl(%j) is %s', (url, valid) => {
    expect(isDjangoUrl(url)).toBe(valid);
  });
});

describe('time in America/Santiago', () => {
  it('renders instants with the season\'s offset and Python\'s isoformat rules', () => {
    expect(renderInstant(Date.parse('2020-10-15T16:26:15.356Z') * 1000 + 289)).toBe('2020-10-15T13:26:15.356289-03:00');
    expect(renderInstant(Date.parse('2024-07-01T12:00:00Z') * 1000)).toBe('2024-07-01T08:00:00-04:00');
    expect(renderInstant(Date.parse('2024-07-01T12:00:00Z') * 1000 + 10)).toBe('2024-07-01T08:00:00.000010-04:00');
  });

  it.each([
    ['2024-01-01', '2024-01-01T00:00:00-03:00'],
    ['2024-07-01T10:00', '2024-07-01T10:00:00-04:00'],
    ['2024-07-01 10:00:00.5+02:00', '2024-07-01T04:00:00.500000-04:00'],
    ['20240701T1000Z', '2024-07-01T06:00:00-04:00'],
    ['2024-7-1T9:5', '2024-07-01T09:05:00-04:00'],
  ])('reads %j as Django does', (value, rendered) => {
    const fields = parseDjangoDateTime(value);
    expect(fields).toBeDefined();
    expect(renderInstant(toInstantMicros(fields!)!)).toBe(rendered);
  });

  it.each(['', 'x', '2024-13-01', '2024-02-30', '2024-01-01T25:00', '2024-01-01T', '2024-01-01T10:00+24:00'])(
    'refuses %j',
    (value) => {
      expect(parseDjangoDateTime(value)).toBeUndefined();
    },
  );

  it('finds no single instant for wall times Santiago skips or repeats', () => {
    expect(toInstantMicros(parseDjangoDateTime('2024-09-08T00:30')!)).toBeUndefined();
    expect(toInstantMicros(parseDjangoDateTime('2024-04-06T23:30')!)).toBeUndefined();
    expect(toInstantMicros(parseDjangoDateTime('2024-04-06T22:30')!)).toBeDefined();
  });
});

describe('query strings and search terms', () => {
  it('reads a query as QueryDict does (last value wins, + is a space)', () => {
    const q = new QueryDict('a=1&a=2&b=x+y&c&=v&d=%C3%B1&e=%ZZ');
    expect(q.get('a')).toBe('2');
    expect(q.get('b')).toBe('x y');
    expect(q.get('c')).toBe('');
    expect(q.get('')).toBe('v');
    expect(q.get('d')).toBe('ñ');
    expect(q.get('e')).toBe('%ZZ');
  });

  it('writes links as urlencode(sorted(...), doseq=True) with quote_plus', () => {
    expect(quotePlus('a b/c:d~é')).toBe('a+b%2Fc%3Ad~%C3%A9');
    const q = new QueryDict('z=1&page=3&a=x&a=y');
    expect(withQueryParam('http://h/customers/', q, 'page', '4')).toBe('http://h/customers/?a=x&a=y&page=4&z=1');
    expect(withQueryParam('http://h/customers/', new QueryDict('page=2'), 'page', undefined)).toBe('http://h/customers/');
  });

  it.each([
    ['andes', ['andes']],
    ['  andes   pagos ', ['andes', 'pagos']],
    ['a,b,,c', ['a', 'b', 'c']],
    ['"comercial andes" x', ['comercial andes', 'x']],
    ["'it\\'s' y", ["it's", 'y']],
    ['"a,b"', ['a,b']],
    ['",x",', [',x']],
  ])('splits %j into %j', (value, terms) => {
    expect(searchTerms(value)).toEqual(terms);
  });
});

describe('schemas', () => {
  const exported = Object.entries(schemas).filter(([, v]) => v instanceof z.ZodType) as [string, z.ZodType][];

  it('exports every schema other engineers code against', () => {
    const names = exported.map(([name]) => name);
    for (const name of ['Country', 'State', 'Contact', 'Source', 'Aggregations', 'Customer', 'CustomerList', 'CustomerCreate', 'CustomerUpdate', 'DetailError', 'FieldErrors', 'CustomerListQuery']) {
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
    const json = z.toJSONSchema(schemas.CustomerListQuery, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, { type?: string; anyOf?: unknown }> };
    for (const name of ['page', 'page_size', 'ordering', 'search', 'country', 'country__in', 'country__name', 'name__icontains', 'email__in', 'tax_id__exact', 'created__gte', 'created__lte']) {
      expect(json.properties[name], name).toBeDefined();
    }
    // The known keys are listed, beside any string: DRF ignores unknown keys and takes several.
    expect(json.properties.ordering).toMatchObject({ anyOf: [{ enum: ['name', 'created', 'updated', '-name', '-created', '-updated'] }, { type: 'string' }] });
    expect(json.properties.page_size).toMatchObject({ anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string' }] });
  });

  it('documents the create body with DRF\'s limits', () => {
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
      id: 'cus_3ZkR8bQpW1xYt6NvLm2a', address: null, aggregations: { balance: 0, sales: 0, sales_current_period: 0 }, contacts: [],
      country: null, currency: 'CLP', email: null, metadata: {}, name: 'X', phone: null, sources: [], state: null, tax_id: null,
      tax_settings: {}, website: null, created: '2020-10-15T13:26:15.356289-03:00', updated: '2020-10-15T13:26:15-03:00',
    };
    expect(schemas.Customer.safeParse(good).success).toBe(true);
    expect(schemas.Customer.safeParse({ ...good, id: 'cus_short' }).success).toBe(false);
    expect(schemas.Customer.safeParse({ ...good, created: '2020-10-15 13:26:15' }).success).toBe(false);
    expect(schemas.Customer.safeParse({ ...good, country: 'CL' }).success).toBe(false);
    expect(schemas.Customer.safeParse({ ...good, sources: [{ id: 'sou_5tGv8KpQ2wXz7LmN4bYc', gateway: 'stripe', status: 'chargeable', created: good.created, updated: good.created }] }).success).toBe(false);
  });
});
