import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits';
import { createRng } from '../../src/core/random';
import { sandboxId } from '../../src/core/registry';
import { BaseTable, SandboxRegistry, Table } from '../../src/core/table';

interface Row {
  id: number;
  name: string;
}

const base = () =>
  new BaseTable<Row>(
    [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ],
    (r) => r.id,
  );

describe('Table (copy-on-write sandbox view)', () => {
  it('reads the seeded records in seed order without copying them', () => {
    const seeded = base();
    const table = new Table(seeded);
    expect([...table.values()]).toEqual(seeded.records);
    expect([...table.values()][0]).toBe(seeded.records[0]);
    expect(table.size).toBe(3);
  });

  it("keeps one sandbox's writes invisible to another built on the same base", () => {
    const seeded = base();
    const one = new Table(seeded);
    const two = new Table(seeded);
    one.replace({ id: 2, name: 'changed' });
    one.insert({ id: 9, name: 'new' });
    one.remove(1);
    expect([...one.values()].map((r) => r.name)).toEqual(['changed', 'c', 'new']);
    expect([...two.values()].map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(seeded.records.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(one.size).toBe(3);
    expect(two.size).toBe(3);
  });

  it('forgets a removed record for every later read and counts it out once', () => {
    const table = new Table(base());
    expect(table.remove(3)).toBe(true);
    expect(table.remove(3)).toBe(false);
    expect(table.get(3)).toBeUndefined();
    expect(table.has(3)).toBe(false);
    expect(table.size).toBe(2);
  });

  it('refuses a duplicate insert and a replace of an unknown record', () => {
    const table = new Table(base());
    expect(() => table.insert({ id: 1, name: 'dup' })).toThrow(/duplicate/);
    expect(() => table.replace({ id: 42, name: 'ghost' })).toThrow(/no record/);
  });

  it('lists records added and then replaced once, at their creation position', () => {
    const table = new Table(base());
    table.insert({ id: 10, name: 'x' });
    table.insert({ id: 11, name: 'y' });
    table.replace({ id: 10, name: 'x2' });
    expect([...table.values()].map((r) => r.name)).toEqual(['a', 'b', 'c', 'x2', 'y']);
  });
});

describe('SandboxRegistry', () => {
  it('creates a sandbox on first use and returns the same one afterwards', () => {
    const made: string[] = [];
    const registry = new SandboxRegistry((key) => {
      made.push(key);
      return { key };
    });
    const first = registry.get('token-a');
    expect(registry.get('token-a')).toBe(first);
    registry.get('token-b');
    expect(made).toEqual([sandboxId('token-a'), sandboxId('token-b')]);
    registry.reset(sandboxId('token-a'));
    expect(registry.get('token-a')).not.toBe(first);
  });

  it('forgets the least recently used sandbox past its bound, one nothing was written to first, whatever the run of uses, resets and restores', () => {
    const rng = createRng('registry-lru');
    const registry = new SandboxRegistry((id) => ({ id }), { ...DEFAULT_LIMITS, maxSandboxes: 4 });
    let model: string[] = []; // least recently used first
    const written = new Set<string>(); // restored (staged) sandboxes count as written
    const forget = (id: string) => {
      model = model.filter((x) => x !== id);
      written.delete(id);
    };
    const makeRoom = () => {
      while (model.length >= 4) forget(model.find((x) => !written.has(x)) ?? model[0]);
    };
    for (let step = 0; step < 3000; step++) {
      const id = sandboxId(`t${Math.floor(rng() * 7)}`);
      const what = rng();
      if (what < 0.75) {
        // Runs of one token are the usual traffic: the same sandbox asked again and again.
        for (let k = Math.floor(rng() * 3); k >= 0; k--) registry.open(id);
        if (model.includes(id)) model = [...model.filter((x) => x !== id), id];
        else {
          makeRoom();
          model.push(id);
        }
        // Some requests write.
        if (rng() < 0.3) {
          registry.find(id)!.quota.written = true;
          written.add(id);
        }
      } else if (what < 0.9) {
        registry.reset(id);
        forget(id);
      } else {
        registry.stage(id, '-', () => {})();
        forget(id);
        makeRoom();
        model.push(id);
        written.add(id);
      }
      expect(registry.keys()).toEqual(model);
    }
  });
});
