import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { CustomerRecord, CustomerStore, type CustomerParts, SeededCustomers } from '../../src/providers/piriod/customers/store';
import { generateCustomers } from '../../src/providers/piriod/seed';

describe('the seeded customers behind a list', () => {
  it('answer the status, metadata and sources filters from what each record keeps, never rebuilding one', () => {
    const generated = generateCustomers(1, 2_000);
    let rebuilt = 0;
    // The same records, counting every rebuild of their parts.
    const parts = new Map(generated.map((r) => [r.id, { attrs: r.attrs, related: r.related }]));
    const records = generated.map((r) =>
      CustomerRecord.lazy(
        r.id,
        { name: r.name, email: r.email, tax_id: r.tax_id, country: r.country, status: r.status, metadata: r.metadata },
        (record): CustomerParts => {
          rebuilt++;
          return parts.get(record.id)!;
        },
        r.created,
        r.updated,
        r.seq,
      ),
    );
    const owners = new Map(generated.flatMap((r) => r.related.sources.map((s) => [s.id, r.id] as const)));
    const store = new CustomerStore(new SeededCustomers(records, (id) => owners.get(id)), createRng('store'));
    const page = { number: 1, size: 20 };
    const archived = store.query({
      where: [{ kind: 'status', values: ['archived'] }],
      order: [{ field: 'name', descending: false }],
      page,
    });
    expect(archived.count).toBe(generated.filter((r) => r.attrs.status === 'archived').length);
    const segment = store.query({ where: [{ kind: 'metadata', path: ['segment'], value: 'pyme' }], order: [], page });
    expect(segment.count).toBe(generated.filter((r) => r.attrs.metadata.segment === 'pyme').length);
    const [sourceId, owner] = [...owners][7];
    const holding = store.query({ where: [{ kind: 'source', id: sourceId }], order: [], page });
    expect(holding.records!.map((r) => r.id)).toEqual([owner]);
    expect(store.query({ where: [{ kind: 'source', id: 'sou_none' }], order: [], page }).count).toBe(0);
    expect(rebuilt).toBe(0);
  });
});
