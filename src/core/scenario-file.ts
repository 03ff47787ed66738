/**
 * Where a scenario comes from: `--scenario` (and `createMock({ scenario })`) take a path to a JSON
 * file or a name. A name is looked up as `seeds/NAME.json` in the working directory first (a
 * project's own scenarios), then among the scenarios shipped with the package (default, empty,
 * large). A file is checked by ScenarioSchema; a mistake is a ScenarioError naming the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioSchema, type Scenario } from './scenario';

/** A scenario that cannot be used, said so that the person who wrote it can fix it. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/**
 * The package's own seeds/ folder. This module runs from src/core/ (sources) or from dist/ (the
 * built package, where the bundler has moved it), so both places are tried.
 */
export function packagedSeedsDir(): string {
  const candidates = ['../seeds/', '../../seeds/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'default.json'))) ?? candidates[candidates.length - 1];
}

/** A path names a file (it has a separator or ends in .json); anything else is a scenario name. */
function isPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || extname(ref) === '.json';
}

/** The file a `--scenario` value points at; throws a ScenarioError saying where it looked. */
export function findScenarioFile(ref: string, cwd: string): string {
  if (ref === '') throw new ScenarioError('--scenario needs a name or a path to a JSON file');
  if (isPath(ref)) {
    const file = isAbsolute(ref) ? ref : resolve(cwd, ref);
    if (!existsSync(file)) throw new ScenarioError(`no scenario file at ${file}`);
    return file;
  }
  if (!/^[\w.-]+$/.test(ref)) throw new ScenarioError(`--scenario takes a name (letters, digits, _ . -) or a path, got "${ref}"`);
  // One place, not two, when the working directory is the package's own (this repository).
  const candidates = [...new Set([join(cwd, 'seeds', `${ref}.json`), join(packagedSeedsDir(), `${ref}.json`)])];
  const file = candidates.find((path) => existsSync(path));
  if (!file) throw new ScenarioError(`no scenario "${ref}": looked for ${candidates.join(' and ')}`);
  return file;
}

/** `a.b[2].c` for a Zod issue path, as a person would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** Reads and checks a scenario file. A file without a `name` is named after itself. */
export function readScenarioFile(file: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`scenario ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && !('name' in json)) {
    json = { name: basename(file, extname(file)), ...json };
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${fieldPath(issue.path) || '(the whole file)'}: ${issue.message}`);
    throw new ScenarioError(`scenario ${file} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** A `--scenario` value (name or path) as a checked scenario. */
export function loadScenarioFile(ref: string, cwd: string): Scenario {
  return readScenarioFile(findScenarioFile(ref, cwd));
}
