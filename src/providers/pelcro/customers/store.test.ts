import { describe, expect, it } from 'vitest';
import { Customer } from '../../../../contracts/pelcro/schemas';
import { blankCustomer, emptyAttributes, writtenCustomer } from './store';

describe('the compiled customer shapes', () => {
  it("makes a blank customer with the schema's keys in its order: empty attributes, the id and timestamps given", () => {
    const blank = blankCustomer(7, 1_764_590_000);
    expect(Object.keys(blank)).toEqual(Object.keys(Customer.shape));
    expect(blank).toEqual({ ...writtenCustomer(emptyAttributes()), id: 7, created_at: 1_764_590_000, updated_at: 1_764_590_000 });
  });

  it('gives every blank customer its own lists and metadata', () => {
    const [a, b] = [blankCustomer(1, 0), blankCustomer(2, 0)];
    expect(a.addresses).not.toBe(b.addresses);
    expect(a.metadata).not.toBe(b.metadata);
  });

  it("copies a draft's schema keys in the schema's order, and nothing else", () => {
    const draft = { extra: 1, email: 'a@b.co', id: 3, metadata: { x: 1 } };
    const view = writtenCustomer(draft);
    expect(Object.keys(view)).toEqual(Object.keys(Customer.shape));
    expect(view).toMatchObject({ id: 3, email: 'a@b.co', metadata: { x: 1 } });
    expect(view).not.toHaveProperty('extra');
  });
});
