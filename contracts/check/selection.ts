/**
 * Which checks a run takes: those of the chosen levels, write checks only outside read-only mode,
 * and, by id prefix, those `only` names and `skip` does not. A selection that names nothing is a
 * mistake in how the run was called, not a target that honours the contract: a typo in a CI gate
 * would otherwise run zero checks and pass. So every `only` pattern must select a check that runs,
 * every `skip` pattern must name a check of the suite, and something must be left to run.
 */
import type { CheckInfo, Level } from './report';

export interface Selection {
  levels: ReadonlySet<Level>;
  readOnly: boolean;
  only?: readonly string[];
  skip?: readonly string[];
}

/** Ids are matched by prefix: `piriod.filter` selects every filter check. */
function matching<C extends CheckInfo>(checks: readonly C[], prefix: string): C[] {
  return checks.filter((check) => check.id.startsWith(prefix));
}

/** Whether the levels and the mode let `check` run, whatever `only` and `skip` say. */
function allowed(check: CheckInfo, selection: Selection): boolean {
  return selection.levels.has(check.level) && !(selection.readOnly && check.mode === 'write');
}

/** The checks `selection` runs, in the suite's order. */
export function selectChecks<C extends CheckInfo>(checks: readonly C[], selection: Selection): C[] {
  const only = selection.only ?? [];
  const skip = selection.skip ?? [];
  return checks.filter(
    (check) =>
      allowed(check, selection) &&
      (only.length === 0 || only.some((p) => check.id.startsWith(p))) &&
      !skip.some((p) => check.id.startsWith(p)),
  );
}

/**
 * What is wrong with `selection` for `checks`, or undefined when it runs at least one check and
 * every pattern counts. An `only` pattern that matches checks the levels or the mode leave out
 * says so; a `skip` pattern naming a check those leave out anyway is fine (it asks for what
 * happens). The message lists the suite's check ids, so the right spelling is at hand.
 */
export function selectionProblem(checks: readonly CheckInfo[], selection: Selection): string | undefined {
  const problems: string[] = [];
  for (const pattern of selection.only ?? []) {
    const named = matching(checks, pattern);
    if (named.length === 0) problems.push(`--only "${pattern}" matches no check`);
    else if (!named.some((check) => allowed(check, selection))) problems.push(`--only "${pattern}" ${leftOut(named, selection)}`);
  }
  for (const pattern of selection.skip ?? []) {
    if (matching(checks, pattern).length === 0) problems.push(`--skip "${pattern}" matches no check`);
  }
  if (problems.length === 0 && selectChecks(checks, selection).length === 0) {
    problems.push(`no check is left to run (${flagsOf(selection)})`);
  }
  if (problems.length === 0) return undefined;
  return `${problems.join('; ')}. The checks, by id (--only and --skip take any prefix of one):\n${listing(checks)}`;
}

/** Why the checks a pattern names do not run: their level, their mode, or both. */
function leftOut(named: readonly CheckInfo[], selection: Selection): string {
  const levels = [...new Set(named.map((check) => check.level))];
  const byLevel = named.every((check) => !selection.levels.has(check.level));
  const byMode = named.every((check) => selection.readOnly && check.mode === 'write');
  const checksFlag = `--checks ${[...selection.levels].join(',')}`;
  if (byMode && !byLevel) return 'names only write checks, which --read-only leaves out';
  if (byLevel && !byMode) return `names only ${levels.join(' and ')} checks, which ${checksFlag} leaves out`;
  return `names only checks that ${checksFlag} and --read-only leave out`;
}

function flagsOf(selection: Selection): string {
  const flags: string[] = [];
  if (selection.only?.length) flags.push(`--only ${selection.only.join(',')}`);
  if (selection.skip?.length) flags.push(`--skip ${selection.skip.join(',')}`);
  if (selection.levels.size === 1) flags.push(`--checks ${[...selection.levels].join(',')}`);
  if (selection.readOnly) flags.push('--read-only');
  return flags.join(' ');
}

/** `  piriod.schema.list, .list-params, .retrieve`: one line per group (the id's first two parts). */
function listing(checks: readonly CheckInfo[]): string {
  const groups = new Map<string, string[]>();
  for (const { id } of checks) {
    const group = id.split('.').slice(0, 2).join('.');
    const ids = groups.get(group) ?? [];
    ids.push(id);
    groups.set(group, ids);
  }
  return [...groups]
    .map(([group, ids]) => `  ${ids.map((id, i) => (i === 0 || id === group ? id : id.slice(group.length))).join(', ')}`)
    .join('\n');
}
