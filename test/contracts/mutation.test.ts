/**
 * The suites must catch drift: each Drift rewrites the mock's answers (or the requests it sees) the
 * way a drifting deployment would, and the suite run through it must fail. A drift the suite lets
 * through fails this test, by name. The kill rate is written to docs/contracts.md.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../contracts/check/report';
import { runSuite } from '../../contracts/check/runner';
import { suites } from '../../contracts/check/suites';
import { pelcroDrifts } from './drifts/pelcro';
import { pelcroFifthDrifts } from './drifts/pelcro-fifth';
import { pelcroListDrifts } from './drifts/pelcro-lists';
import { pelcroMoreDrifts } from './drifts/pelcro-more';
import { pelcroNinthDrifts, pelcroNinthFaithful } from './drifts/pelcro-ninth';
import { pelcroResourceDrifts } from './drifts/pelcro-resources';
import { pelcroShippedDrifts } from './drifts/pelcro-shipped';
import { pelcroEighthDrifts, pelcroEighthFaithful } from './drifts/pelcro-eighth';
import { pelcroSeventhDrifts, pelcroSeventhFaithful } from './drifts/pelcro-seventh';
import { pelcroSixthDrifts, pelcroSixthFaithful } from './drifts/pelcro-sixth';
import { pelcroUnseenDrifts } from './drifts/pelcro-unseen';
import { piriodDrifts } from './drifts/piriod';
import { piriodFifthDrifts } from './drifts/piriod-fifth';
import { piriodListDrifts } from './drifts/piriod-lists';
import { piriodMoreDrifts } from './drifts/piriod-more';
import { piriodNinthDrifts, piriodNinthFaithful } from './drifts/piriod-ninth';
import { piriodResourceDrifts } from './drifts/piriod-resources';
import { piriodShippedDrifts } from './drifts/piriod-shipped';
import { piriodEighthDrifts, piriodEighthFaithful } from './drifts/piriod-eighth';
import { piriodSeventhDrifts, piriodSeventhFaithful } from './drifts/piriod-seventh';
import { piriodSixthDrifts, piriodSixthFaithful } from './drifts/piriod-sixth';
import { piriodUnseenDrifts } from './drifts/piriod-unseen';
import { driftRun, mockTarget, runOptions, type Drift } from './harness';

const cases: [keyof typeof suites, Drift[], Drift[]][] = [
  [
    'piriod',
    [
      ...piriodDrifts,
      ...piriodListDrifts,
      ...piriodMoreDrifts,
      ...piriodResourceDrifts,
      ...piriodUnseenDrifts,
      ...piriodShippedDrifts,
      ...piriodFifthDrifts,
      ...piriodSixthDrifts,
      ...piriodSeventhDrifts,
      ...piriodEighthDrifts,
      ...piriodNinthDrifts,
    ],
    [...piriodSixthFaithful, ...piriodSeventhFaithful, ...piriodEighthFaithful, ...piriodNinthFaithful],
  ],
  [
    'pelcro',
    [
      ...pelcroDrifts,
      ...pelcroListDrifts,
      ...pelcroMoreDrifts,
      ...pelcroResourceDrifts,
      ...pelcroUnseenDrifts,
      ...pelcroShippedDrifts,
      ...pelcroFifthDrifts,
      ...pelcroSixthDrifts,
      ...pelcroSeventhDrifts,
      ...pelcroEighthDrifts,
      ...pelcroNinthDrifts,
    ],
    [...pelcroSixthFaithful, ...pelcroSeventhFaithful, ...pelcroEighthFaithful, ...pelcroNinthFaithful],
  ],
];

describe.each(cases)('the %s suite against a drifted mock', (provider, drifts, faithful) => {
  it('has at least 40 kinds of drift to catch, each named once', () => {
    expect(drifts.length).toBeGreaterThanOrEqual(40);
    expect(new Set(drifts.map((d) => d.name)).size).toBe(drifts.length);
  });

  it("passes against the mock without drift (so each failure below is the drift's doing)", async () => {
    const report = await runSuite(suites[provider], mockTarget(), runOptions[provider]);
    expect(summarize(report).ok).toBe(true);
  });

  it.each(faithful.map((d) => [d.name, d] as const))('passes against a faithful variation: %s', async (_name, drift) => {
    const { target, options } = driftRun(provider, drift);
    const report = await runSuite(suites[provider], target, options);
    const failed = report.checks.filter((c) => summarize({ ...report, checks: [c] }).failed > 0);
    expect(failed.map((c) => `${c.id}: ${c.failures[0]?.jsonPath} ${c.failures[0]?.actual}`)).toEqual([]);
  });

  it('only warns about an undeclared field without --strict (providers add fields over time)', async () => {
    const drift = drifts.find((d) => d.options?.strict) as Drift;
    const { target, options } = driftRun(provider, drift);
    const summary = summarize(await runSuite(suites[provider], target, { ...options, strict: false }));
    expect(summary.ok).toBe(true);
    expect(summary.warnings).toBeGreaterThan(0);
  });

  it('fails on every drift (kill rate 100%)', async () => {
    const survivors: string[] = [];
    const killedBy: Record<string, string[]> = {};
    for (const drift of drifts) {
      const { target, options } = driftRun(provider, drift);
      const report = await runSuite(suites[provider], target, options);
      const failed = report.checks.filter((c) => summarize({ ...report, checks: [c] }).failed > 0).map((c) => c.id);
      if (summarize(report).ok) survivors.push(drift.name);
      killedBy[drift.name] = failed;
    }
    const killed = drifts.length - survivors.length;
    console.info(`${provider}: killed ${killed}/${drifts.length} drifts (${((100 * killed) / drifts.length).toFixed(0)}%)`);
    for (const [name, ids] of Object.entries(killedBy))
      console.info(`  ${ids.length ? '✓' : '✗'} ${name}: ${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ', …' : ''}`);
    expect(survivors).toEqual([]);
  }, 300_000);
});
