import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LIB = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('lib/', () => {
  it('imports nothing of ours: every relative import of a port stays inside lib/', () => {
    const offenders: string[] = [];
    for (const file of sources(LIB)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(LIB, resolve(dirname(file), m[1]));
        if (target.startsWith('..')) offenders.push(`${relative(LIB, file)} → ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
