import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describe as show, judge, jsonPath } from '../../contracts/check/conformance';

const Contact = z.object({ id: z.string(), email: z.email() });
const Customer = z.object({
  id: z.string().regex(/^cus_/),
  name: z.string(),
  status: z.enum(['active', 'archived']),
  created: z.iso.datetime({ offset: true }),
  country: z.object({ id: z.string(), name: z.string() }).nullable(),
  contacts: z.array(Contact),
  metadata: z.record(z.string(), z.unknown()),
  source: z.union([z.string(), z.object({ id: z.string(), gateway: z.string() })]).optional(),
  extra: z.looseObject({ a: z.number() }).optional(),
});
const List = z.object({ count: z.number(), results: z.array(Customer) });

const good = {
  id: 'cus_1',
  name: 'Ana',
  status: 'active',
  created: '2020-10-15T13:26:15.356289-03:00',
  country: { id: 'CL', name: 'Chile' },
  contacts: [{ id: 'con_1', email: 'a@b.cl' }],
  metadata: { anything: { goes: true } },
};

describe('judge (a body against a Zod schema)', () => {
  it('finds nothing wrong with a conforming body', () => {
    expect(judge(List, { count: 1, results: [good] })).toEqual({ findings: [], undeclared: [] });
  });

  it.each([
    ['a dropped required field', { ...good, name: undefined }, '$.results[0].name', 'string', 'missing'],
    ['a type change', { ...good, name: 12 }, '$.results[0].name', 'string', 'number 12'],
    ['null where not nullable', { ...good, name: null }, '$.results[0].name', 'string', 'null'],
    ['a value outside the enum', { ...good, status: 'deleted' }, '$.results[0].status', 'one of "active", "archived"', 'string "deleted"'],
    ['a timestamp in another format', { ...good, created: 1602779175 }, '$.results[0].created', 'string', 'number 1602779175'],
    ['a string in the wrong format', { ...good, created: '15/10/2020' }, '$.results[0].created', 'datetime format', 'string "15/10/2020"'],
    ['a pattern mismatch', { ...good, id: 'x1' }, '$.results[0].id', 'a string matching /^cus_/', 'string "x1"'],
    [
      'a nested array item',
      { ...good, contacts: [{ id: 'con_1', email: 'nope' }] },
      '$.results[0].contacts[0].email',
      'email format',
      'string "nope"',
    ],
  ])('locates %s with expected and actual', (_name, customer, path, expected, actual) => {
    const { findings } = judge(List, { count: 1, results: [customer] });
    expect(findings).toContainEqual({ jsonPath: path, expected, actual });
  });

  it('reports the closest branch of a union instead of "Invalid input"', () => {
    const { findings } = judge(Customer, { ...good, source: { id: 'sou_1', gateway: 3 } });
    expect(findings).toEqual([{ jsonPath: '$.source.gateway', expected: 'string', actual: 'number 3' }]);
  });

  it('reports inside the union member of the kind that came, not the member that wants another kind', () => {
    const Address = z.object({ id: z.number(), city: z.string() });
    const Owner = z.object({ addresses: z.union([z.array(z.number()), z.array(Address)]) });
    expect(judge(Owner, { addresses: [{ id: '1', city: 'Albany' }] }).findings).toEqual([
      { jsonPath: '$.addresses[0].id', expected: 'number', actual: 'string "1"' },
    ]);
    // A scalar of the wrong type still reads against the scalar member.
    expect(judge(Owner, { addresses: ['1'] }).findings).toEqual([{ jsonPath: '$.addresses[0]', expected: 'number', actual: 'string "1"' }]);
  });

  it.each([
    ['missing', { previous: undefined }, '$.previous', 'string or null', 'missing'],
    ['of another type', { previous: 3 }, '$.previous', 'string or null', 'number 3'],
    ['a nullable object given a string', { country: 'CL' }, '$.country', 'object or null', 'string "CL"'],
    ['a nullable enum given another value', { status: 'gone' }, '$.status', 'one of "active", "archived" or null', 'string "gone"'],
    ['a nullable union given neither member', { organization: 'acme' }, '$.organization', 'number or null', 'string "acme"'],
  ])('says a nullable field takes null too when it is %s', (_name, drift, path, expected, actual) => {
    const Page = z.object({
      previous: z.string().nullable(),
      country: z.object({ id: z.string() }).nullable(),
      status: z.enum(['active', 'archived']).nullable(),
      organization: z.union([z.number(), z.object({ id: z.number() })]).nullable(),
    });
    const fine = { previous: null, country: null, status: null, organization: null };
    expect(judge(Page, { ...fine, ...drift }).findings).toEqual([{ jsonPath: path, expected, actual }]);
  });

  it('reports a non-object body at the root', () => {
    expect(judge(List, 'oops').findings).toEqual([{ jsonPath: '$', expected: 'object', actual: 'string "oops"' }]);
  });

  it('lists undeclared fields at every depth as warnings, not findings', () => {
    const body = {
      count: 1,
      extra_top: 1,
      results: [
        {
          ...good,
          zip_code: '123',
          country: { id: 'CL', name: 'Chile', code: '+56' },
          contacts: [{ id: 'c', email: 'a@b.cl', phone: null }],
        },
      ],
    };
    const verdict = judge(List, body);
    expect(verdict.findings).toEqual([]);
    expect(verdict.undeclared.sort()).toEqual(
      ['$.extra_top', '$.results[0].zip_code', '$.results[0].country.code', '$.results[0].contacts[0].phone'].sort(),
    );
  });

  it('does not warn inside records, loose objects, or for keys a union branch declares', () => {
    const verdict = judge(Customer, { ...good, metadata: { free: 1 }, extra: { a: 1, b: 2 }, source: { id: 's', gateway: 'paypal' } });
    expect(verdict).toEqual({ findings: [], undeclared: [] });
  });

  it("turns a strict object's unrecognized keys into warnings", () => {
    const verdict = judge(z.strictObject({ a: z.string() }), { a: 'x', b: 1 });
    expect(verdict).toEqual({ findings: [], undeclared: ['$.b'] });
  });

  it('walks intersections with the keys of both sides', () => {
    const both = z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() }));
    expect(judge(both, { a: 'x', b: 'y', c: 1 }).undeclared).toEqual(['$.c']);
  });
});

describe('jsonPath and describe', () => {
  it('renders paths with dots, indexes and quoted odd keys', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['results', 3, 'email'])).toBe('$.results[3].email');
    expect(jsonPath(['metadata', 'odd key'])).toBe('$.metadata["odd key"]');
  });

  it('describes values with their type and truncates long ones', () => {
    expect(show(undefined)).toBe('missing');
    expect(show(null)).toBe('null');
    expect(show([1])).toBe('array [1]');
    expect(show('x'.repeat(200)).length).toBeLessThanOrEqual(90);
  });
});
