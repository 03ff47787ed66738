import { describe, expect, it } from 'vitest';
import type { ContactCondition } from '../../contracts/piriod/contacts';
import { createRng } from '../../src/core/random';
import { ContactStore, seededContactsBuilder, type StoredContact } from '../../src/providers/piriod/contacts/store';
import { SeededCustomers } from '../../src/providers/piriod/customers/store';
import { generateCustomers } from '../../src/providers/piriod/seed';
import { OwnedBuilder, hashText } from '../../src/providers/piriod/seed/owned';
import { seededSourcesBuilder } from '../../src/providers/piriod/sources/store';
import { PIRIOD, json, mock } from '../sandboxes/helpers';

/** The seeded contacts of `count` customers, kept compactly, and the customers' ids. */
function seeded(count: number) {
  const owned = { contacts: seededContactsBuilder(), sources: seededSourcesBuilder() };
  const records = generateCustomers(11, count, owned);
  const customers = new SeededCustomers(records);
  const contacts = owned.contacts.build(
    (owner) => records[owner].related.contacts,
    (id) => customers.table.byId.get(id)?.seq,
  );
  return { contacts, ids: records.map((r) => r.id), records };
}

/** The list as a full scan of every live contact answers it: newest first, ties the later first. */
function scan(rows: readonly StoredContact[], where: readonly ContactCondition[]): string[] {
  const at = new Map(rows.map((r, i) => [r, i]));
  return rows
    .filter((c) => where.every(({ field, value }) => c[field] === value))
    .sort((a, b) => b.created - a.created || at.get(b)! - at.get(a)!)
    .map((c) => c.id);
}

describe('the seeded contacts kept as columns', () => {
  it('are read back exactly as their customers hold them, found by id, in seed order', () => {
    const { contacts, records } = seeded(400);
    const expected = records.flatMap((r) => r.related.contacts);
    expect([...contacts.values()]).toEqual(expected);
    for (const contact of expected) expect(contacts.get(contact.id)).toEqual(contact);
    expect(contacts.get('con_none')).toBeUndefined();
    expect(contacts.get(`${expected[0].id}x`)).toBeUndefined();
  });

  it('list every page exactly as a full scan does, before and after inserts, replacements and removals', () => {
    const { contacts, ids } = seeded(300);
    const store = new ContactStore(contacts, createRng('owned'));
    const all = [...contacts.values()];
    const sample = all[17];
    const plans: ContactCondition[][] = [
      [],
      [{ kind: 'equals', field: 'invoicing', value: false }],
      [{ kind: 'equals', field: 'customer', value: ids[5] }],
      [{ kind: 'equals', field: 'name', value: sample.name }],
      [{ kind: 'equals', field: 'email', value: sample.email ?? '' }],
      [
        { kind: 'equals', field: 'orgunit', value: 'casa-matriz' },
        { kind: 'equals', field: 'collections', value: true },
      ],
      [{ kind: 'equals', field: 'name', value: 'Nobody Here' }],
    ];
    const rng = createRng('writes');
    const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
    for (let round = 0; round < 40; round++) {
      const rows = [...store.records.values()];
      for (const where of plans) {
        const expected = scan(rows, where);
        for (const [number, size] of [
          [1, 10_000],
          [1, 7],
          [2, 20],
          [Math.max(1, Math.ceil(expected.length / 20)), 20],
        ] as const) {
          const page = store.query({ where, page: { number, size } });
          expect(page.count).toBe(expected.length);
          const inRange = number <= Math.max(1, Math.ceil(expected.length / size));
          expect(page.records?.map((c) => c.id)).toEqual(inRange ? expected.slice((number - 1) * size, number * size) : undefined);
        }
      }
      const roll = rng();
      const live = rows;
      const target = rng() < 0.3 ? pick(live.slice(0, 3)) : pick(live);
      if (roll < 0.35) {
        // A new contact, mostly at one of a few seeded contacts' very instants (ties, own and seeded).
        const created = rng() < 0.7 ? pick(all.slice(0, 3)).created : Math.floor(rng() * 2e15);
        const contact: StoredContact = { ...pick(all), id: store.mintId(), customer: pick(ids), created, updated: created };
        store.insert(contact);
      } else if (roll < 0.7) {
        store.replace({ ...target, name: rng() < 0.5 ? sample.name : 'Otra Persona', invoicing: !target.invoicing });
      } else store.remove(target.id);
    }
  });

  it('tell apart two records whose ids hash alike, confirming each candidate on its record', () => {
    // Found by hashing con_0, con_1, … until two hashed alike.
    const pair = ['con_1149599', 'con_1312382'];
    const [a, b] = pair.map((id, k) => ({ id, created: k }));
    const builder = new OwnedBuilder<{ id: string; created: number }, never>({});
    builder.add(0, 0, a);
    builder.add(0, 1, b);
    const owned = builder.build(
      () => [a, b],
      () => 0,
    );
    expect(hashText(a.id)).toBe(hashText(b.id));
    expect(owned.get(a.id)).toBe(a);
    expect(owned.get(b.id)).toBe(b);
    expect(owned.get('con_x')).toBeUndefined();
  });
});

describe('a snapshot of a sandbox that changed customers owning seeded sources', () => {
  it('restores each changed customer with its own sources, and the same source and contact lists', async () => {
    const options = { scenario: { name: 'owners', piriod: { customers: 300 } } };
    const a = mock(options);
    const sources = (await json(a, '/sources/?page_size=100', { headers: PIRIOD })).body.results as { customer: string }[];
    const owners = [...new Set(sources.map((s) => s.customer))];
    const [kept] = owners;
    await json(a, `/customers/${kept}/`, { method: 'PATCH', headers: PIRIOD, body: JSON.stringify({ name: 'Renombrada SpA' }) });
    // Deleting archives a customer with a history and deletes the others for good, sources and all.
    const fates = [];
    for (const owner of owners.slice(1, 30)) {
      const deleted = await json(a, `/customers/${owner}/`, { method: 'DELETE', headers: PIRIOD });
      if (deleted.status === 204) fates.push((await json(a, `/customers/${owner}/`, { headers: PIRIOD })).status);
    }
    expect(fates).toContain(200);
    expect(fates).toContain(404);
    const { body: document } = await json(a, '/__understudy/snapshot');
    const b = mock(options);
    expect((await json(b, '/__understudy/snapshot', { method: 'POST', body: JSON.stringify(document) })).status).toBe(200);
    for (const path of [
      `/customers/${kept}/`,
      `/sources/?customer=${kept}`,
      '/sources/?page_size=100',
      '/contacts/?page_size=100',
      '/customers/?page_size=100',
    ]) {
      expect((await json(b, path, { headers: PIRIOD })).body, path).toEqual((await json(a, path, { headers: PIRIOD })).body);
    }
  });
});
