import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The arrows of the house point one way (docs/decisions/004-provider-template.md):
 * `cli → commands → app → providers → core`, `providers → contracts`, everything may use `lib/`,
 * `lib/` uses nothing of ours, and `contracts/` never reaches `src/` (a suite must judge a real
 * deployment with nothing of the mock loaded).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Layers, lowest first; a file may import its own layer or a lower one, never a higher one. */
const LAYERS: [name: string, matches: (path: string) => boolean][] = [
  ['lib', (p) => p.startsWith('lib/')],
  ['contracts', (p) => p.startsWith('contracts/')],
  ['core', (p) => p.startsWith('src/core/')],
  ['providers', (p) => p.startsWith('src/providers/')],
  ['app', (p) => p === 'src/app.ts' || p === 'src/mock.ts' || p === 'src/index.ts'],
  ['commands', (p) => p.startsWith('src/commands/')],
  ['cli', (p) => p === 'src/cli.ts' || p === 'src/healthcheck.ts'],
];

/** Imports allowed across the layers beyond "lower": core may not read contracts, lib nothing of ours. */
const FORBIDDEN: Record<string, string[]> = {
  lib: ['contracts', 'core', 'providers', 'app', 'commands', 'cli'],
  contracts: ['core', 'providers', 'app', 'commands', 'cli'],
  core: ['providers', 'app', 'commands', 'cli'],
  providers: ['app', 'commands', 'cli'],
  app: ['commands', 'cli'],
  commands: ['cli'],
  cli: [],
};

function layerOf(path: string): string | undefined {
  return LAYERS.find(([, matches]) => matches(path))?.[0];
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string {
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  for (const candidate of [target, `${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return target;
}

describe('import arrows', () => {
  const files = ['lib', 'src', 'contracts'].flatMap(sourceFiles);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.every((file) => layerOf(file) !== undefined)).toBe(true);
  });

  it('never point from a lower layer to a higher one', () => {
    const offences: string[] = [];
    for (const file of files) {
      const layer = layerOf(file)!;
      for (const [, specifier] of readFileSync(join(ROOT, file), 'utf8').matchAll(SPECIFIER)) {
        const target = resolveImport(file, specifier);
        const targetLayer = layerOf(target);
        if (targetLayer === undefined && !target.startsWith('lib/')) {
          // Outside every layer (package.json, seeds/*.json): only data, never code of the mock.
          if (/\.(ts|js)$/.test(target) || !/\.json$/.test(target)) offences.push(`${file} → ${target} (outside every layer)`);
          continue;
        }
        if (targetLayer && FORBIDDEN[layer].includes(targetLayer)) offences.push(`${file} (${layer}) → ${target} (${targetLayer})`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('would catch a file of lib/ reaching into src/', () => {
    // The rule itself, on a made-up import: a port that read the mock's options would be refused.
    expect(FORBIDDEN[layerOf('lib/python/json.ts')!]).toContain(layerOf('src/core/options.ts'));
    expect(FORBIDDEN[layerOf('contracts/piriod/schemas.ts')!]).toContain(layerOf('src/providers/piriod/index.ts'));
  });
});
