import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suites } from '../../contracts/check/suites';

/**
 * docs/contracts.md's "Checks" tables, read back: each row's ids (`a.b.c`, then `.d` for a sibling
 * of the id before it) with the row's level and mode.
 */
function documentedChecks(): Map<string, { level: string; mode: string }> {
  const doc = readFileSync(new URL('../../docs/contracts.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('### Checks'), doc.indexOf('### Judgement calls'));
  const found = new Map<string, { level: string; mode: string }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !/^(?:schema|behaviour)$/.test(cells[2])) continue;
    let last = '';
    for (const [, token] of cells[1].matchAll(/`([^`]+)`/g)) {
      const id = token.startsWith('.') ? `${last.slice(0, last.lastIndexOf('.'))}${token}` : token;
      found.set(id, { level: cells[2], mode: cells[3] });
      last = id;
    }
  }
  return found;
}

describe('docs/contracts.md', () => {
  it('lists every check of both suites, with its level and mode, and no check that does not exist', () => {
    const documented = documentedChecks();
    const checks = Object.values(suites).flatMap((suite) => suite.checks);
    expect(
      checks
        .filter((check) => documented.get(check.id)?.level !== check.level || documented.get(check.id)?.mode !== check.mode)
        .map((c) => c.id),
    ).toEqual([]);
    expect([...documented.keys()].filter((id) => !checks.some((check) => check.id === id))).toEqual([]);
  });
});
