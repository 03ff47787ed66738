import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFixtures, loadScenario } from '../../src/commands/scenario';
import { UsageError } from '../../src/commands/usage';
import { ScenarioSchema } from '../../src/core/scenario';
import { ScenarioError, findScenarioFile, loadScenarioFile, packagedSeedsDir } from '../../src/core/scenario-file';

const dir = mkdtempSync(join(tmpdir(), 'understudy-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, json: unknown) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};

describe('--scenario NAME|FILE: where a scenario is found', () => {
  it('finds a name among the scenarios the package ships', () => {
    expect(findScenarioFile('large', dir)).toBe(join(packagedSeedsDir(), 'large.json'));
    expect(loadScenarioFile('empty', dir)).toMatchObject({ name: 'empty', piriod: { customers: 0 } });
  });

  it('prefers ./seeds/NAME.json in the working directory over the packaged one', () => {
    file('seeds/empty.json', { name: 'empty', piriod: { customers: 3 } });
    expect(loadScenarioFile('empty', dir)).toMatchObject({ name: 'empty', piriod: { customers: 3 } });
  });

  it('takes a relative or absolute path, and names a file without "name" after itself', () => {
    const path = file('demo/small.json', { piriod: { customers: 2 } });
    expect(loadScenarioFile('demo/small.json', dir)).toMatchObject({ name: 'small', piriod: { customers: 2 } });
    expect(loadScenarioFile(path, '/')).toMatchObject({ name: 'small' });
  });

  it.each([
    ['a missing file', 'nowhere/x.json', /no scenario file at .*nowhere\/x\.json/],
    ['an unknown name', 'nope', /no scenario "nope": looked for .*seeds\/nope\.json/],
    ['a name with a space', 'bad name', /takes a name/],
  ])('refuses %s, saying where it looked', (_what, ref, message) => {
    expect(() => loadScenarioFile(ref, dir)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(ref, dir)).toThrow(message);
  });

  it('names the place it looked once when the working directory is the package itself', () => {
    const own = join(packagedSeedsDir(), '..');
    expect(() => findScenarioFile('nope', own)).toThrow(`no scenario "nope": looked for ${join(own, 'seeds', 'nope.json')}`);
    expect(() => findScenarioFile('nope', own)).not.toThrow(/ and /);
  });

  it('names every bad field by its path', () => {
    file('bad.json', { pelcro: { customers: 'x' }, piriod: { fixtures: [1] }, extra: true });
    let message = '';
    try {
      loadScenarioFile('bad.json', dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('pelcro.customers: Invalid input: expected number, received string');
    expect(message).toContain('piriod.fixtures[0]:');
    expect(message).toMatch(/extra/);
  });

  it('says a file is not JSON, as a UsageError for the commands', () => {
    file('broken.json', '{"name": ');
    expect(() => loadScenario('broken.json', dir)).toThrow(UsageError);
    expect(() => loadScenario('broken.json', dir)).toThrow(/is not valid JSON/);
  });
});

describe('scenario fixtures are tried at start', () => {
  const scenario = (json: unknown) => ScenarioSchema.parse(json);

  it("refuses a Piriod fixture with the field and DRF's message", async () => {
    const bad = scenario({ name: 'x', piriod: { customers: 0, fixtures: [{ name: 'Acme', country: 'MX', email: 'nope' }] } });
    await expect(checkFixtures(bad)).rejects.toThrow(UsageError);
    await expect(checkFixtures(bad)).rejects.toThrow(/piriod\.fixtures\[0\].*"email":\["Enter a valid email address\."\]/);
  });

  it('refuses a Pelcro fixture with the field, not a 500 at the first request', async () => {
    const bad = scenario({ name: 'x', pelcro: { customers: 0, fixtures: [{ email: 'nope' }] } });
    await expect(checkFixtures(bad)).rejects.toThrow(/pelcro fixture #1 is invalid: email/);
  });

  it('accepts good fixtures of both providers', async () => {
    const good = scenario({
      name: 'x',
      piriod: { customers: 1, fixtures: [{ name: 'Acme', country: 'MX', email: 'billing@acme.mx' }] },
      pelcro: { customers: 1, fixtures: [{ email: 'reader@example.com', first_name: 'Ada' }] },
    });
    await expect(checkFixtures(good)).resolves.toBeUndefined();
  });
});

// Processes with the TypeScript loader: seconds each on a busy machine.
describe('understudy serve / seed with a scenario file', { timeout: 90_000 }, () => {
  const cli = (args: string[]) => spawnSync('node_modules/.bin/tsx', ['src/cli.ts', ...args], { encoding: 'utf8' });

  it('exits 2 on a bad fixture with a message naming it and no stack trace', () => {
    const path = file('bad-fixture.json', { piriod: { customers: 0, fixtures: [{ name: 'Acme', country: 'MX', email: 'nope' }] } });
    const run = cli(['serve', '--port', '0', '--scenario', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('piriod.fixtures[0]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('seed --out writes the data the scenario serves as a complete snapshot, related objects included', () => {
    const out = join(dir, 'out/seed.json');
    mkdirSync(join(out, '..'), { recursive: true });
    const run = cli(['seed', '--scenario', 'default', '--seed', '7', '--out', out]);
    expect(run.status).toBe(0);
    const dump = JSON.parse(readFileSync(out, 'utf8'));
    expect(dump.format).toBe('understudy.snapshot/1');
    const [piriod, pelcro] = dump.sandboxes;
    expect([piriod.provider, piriod.complete, piriod.base]).toEqual(['piriod', true, { scenario: 'default', seed: 7 }]);
    expect(piriod.tables.customers.records).toHaveLength(50);
    expect(piriod.tables.customers.records[0]).toHaveProperty('contacts');
    expect(pelcro.tables.customers.records).toHaveLength(50);
    // Pelcro's related objects are tables of their own.
    expect(pelcro.tables.subscriptions.records.length).toBeGreaterThan(0);
  });
});
