import { describe, expect, it } from 'vitest';
import { stoppedRun, summarize, type CheckResult, type RunReport } from '../../contracts/check/report';
import { render } from '../../contracts/check/reporters';

function check(id: string, outcome: CheckResult['outcome'], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    level: 'schema',
    mode: 'read',
    title: `title of ${id}`,
    outcome,
    failures: [],
    warnings: [],
    notes: [],
    durationMs: 3,
    requests: 1,
    ...extra,
  };
}

const report: RunReport = {
  provider: 'piriod',
  baseUrl: 'http://understudy.test',
  levels: ['schema', 'behaviour'],
  readOnly: false,
  strict: false,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 42,
  leftovers: ['customer cus_1 (test mode)'],
  checks: [
    check('a.pass', 'passed', { notes: ['walked 3 pages'] }),
    check('a.fail', 'failed', {
      failures: [
        {
          method: 'GET',
          path: '/customers/?page=2',
          jsonPath: '$.results[0].email',
          expected: 'string',
          actual: 'null <&> "q"',
          repeats: 4,
        },
      ],
    }),
    check('a.skip', 'skipped', { skipReason: 'no data' }),
    check('a.warn', 'passed', {
      warnings: [{ method: 'GET', path: '/customers/', jsonPath: '$.results[0].zip_code', message: 'field not declared by the schema' }],
    }),
  ],
};

/** A minimal well-formedness check: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function wellFormed(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const re = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  for (m = re.exec(body); m; m = re.exec(body)) {
    consumed = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`unescaped & in ${m[5]}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
    } else {
      names.push(name);
      if (!selfClose) stack.push(name);
    }
  }
  if (consumed !== body.length) throw new Error(`unparsed XML at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
  if (stack.length) throw new Error(`unclosed ${stack.join(', ')}`);
  return names;
}

describe('reporters', () => {
  it('summarizes: warnings do not fail a run unless strict', () => {
    expect(summarize(report)).toEqual({ total: 4, passed: 2, failed: 1, skipped: 1, warnings: 1, failedByStrict: 0, ok: false });
    const clean = { ...report, checks: [report.checks[0], report.checks[3]] };
    expect(summarize(clean).ok).toBe(true);
    expect(summarize({ ...clean, strict: true })).toMatchObject({ ok: false, failed: 1 });
  });

  it('pretty names each failure with method, path, JSON path, expected and actual', () => {
    const text = render(report, 'pretty');
    expect(text).toContain('✗ title of a.fail [a.fail, schema]');
    expect(text).toContain('GET /customers/?page=2  $.results[0].email (and 4 more like it)');
    expect(text).toContain('expected: string');
    expect(text).toContain('actual:   null <&> "q"');
    expect(text).toContain('skipped: no data');
    expect(text).toContain('warning: GET /customers/  $.results[0].zip_code');
    expect(text).toContain('customer cus_1 (test mode)');
    expect(text).toMatch(/FAIL {2}2 passed, 1 failed, 1 skipped, 1 warnings/);
    expect(text).not.toContain('\u001b[');
    expect(render(report, 'pretty', { color: true })).toContain('\u001b[31m');
  });

  it('pretty under strict counts the warnings as failing, beside the check and in the summary', () => {
    const text = render({ ...report, strict: true }, 'pretty');
    expect(text).toContain('✗ title of a.warn (1 warning, failing under --strict) [a.warn, schema]');
    expect(text).toMatch(/FAIL {2}1 passed, 2 failed \(1 by --strict\), 1 skipped, 1 warnings \(failing under --strict\)/);
    // Without --strict they stay warnings.
    expect(render(report, 'pretty')).toContain('✓ title of a.warn (1 warning) [a.warn, schema]');
  });

  it('json is machine-readable, with the summary and strict-adjusted outcomes', () => {
    const parsed = JSON.parse(render({ ...report, strict: true }, 'json'));
    expect(parsed.summary).toMatchObject({ ok: false, failed: 2, failedByStrict: 1 });
    expect(parsed.checks.find((c: { id: string }) => c.id === 'a.warn').outcome).toBe('failed');
    expect(parsed.checks[1].failures[0]).toEqual(report.checks[1].failures[0]);
  });

  it('junit is well-formed XML with one testcase per check, failures and skips marked', () => {
    const xml = render(report, 'junit');
    const names = wellFormed(xml);
    expect(names.filter((n) => n === 'testcase')).toHaveLength(4);
    expect(names.filter((n) => n === 'failure')).toHaveLength(1);
    expect(names.filter((n) => n === 'skipped')).toHaveLength(1);
    expect(xml).toContain('<testsuite name="understudy contract piriod" tests="4" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('message="GET /customers/?page=2 $.results[0].email: expected string, got null &lt;&amp;&gt; &quot;q&quot;"');
  });

  describe('with text a hostile target chose', () => {
    const hostile: RunReport = {
      ...report,
      checks: [
        check('h.fail', 'failed', {
          failures: [
            {
              method: 'GET',
              path: '/customers/\u001b[2J',
              jsonPath: '$',
              expected: 'a JSON body',
              actual: 'not JSON: \u001b]0;owned\u0007\u202eevil\u0000 🦄 \ud800',
            },
          ],
          notes: ['\u001b[31mred'],
        }),
      ],
    };

    it('pretty shows control characters and bidi overrides as escapes', () => {
      const text = render(hostile, 'pretty');
      expect(text).not.toMatch(/[\u0000-\u0008\u001b\u007f\u202e]/);
      expect(text).toContain('not JSON: \\u001b]0;owned\\u0007\\u202eevil\\u0000 🦄');
      expect(text).toContain('GET /customers/\\u001b[2J');
    });

    it('junit stays well-formed XML, keeping characters outside the BMP', () => {
      const xml = render(hostile, 'junit');
      wellFormed(xml);
      expect(xml).not.toMatch(/[\u0000-\u0008\u001b\ud800]/);
      expect(xml).toContain('🦄');
    });

    it('json keeps the text exactly, escaped by JSON itself', () => {
      expect(JSON.parse(render(hostile, 'json')).checks[0].failures[0].actual).toBe(hostile.checks[0].failures[0].actual);
    });
  });

  describe('for a run that stopped before any verdict', () => {
    const stopped = stoppedRun(
      { ...report, durationMs: 7 },
      { type: 'UnreachableError', message: 'cannot reach http://understudy.test/: connection refused <&>\nsecond line' },
    );

    it('does not pass', () => {
      expect(summarize(stopped)).toMatchObject({ total: 0, failed: 0, ok: false });
    });

    it('junit is one errored testcase naming the reason, not an empty suite', () => {
      const xml = render(stopped, 'junit');
      const names = wellFormed(xml);
      expect(names.filter((n) => n === 'testcase')).toHaveLength(1);
      expect(xml).toContain('<testsuite name="understudy contract piriod" tests="1" failures="0" errors="1" skipped="0"');
      expect(xml).toContain(
        '<error message="cannot reach http://understudy.test/: connection refused &lt;&amp;&gt; second line" type="UnreachableError">',
      );
    });

    it('json carries the error and a failing summary', () => {
      const parsed = JSON.parse(render(stopped, 'json'));
      expect(parsed.error).toEqual(stopped.error);
      expect(parsed.summary).toMatchObject({ ok: false, total: 0 });
      expect(parsed.checks).toEqual([]);
    });

    it('pretty says the run stopped instead of PASS', () => {
      const text = render(stopped, 'pretty');
      expect(text).toMatch(/^ERROR {2}the run stopped before any verdict: cannot reach/m);
      expect(text).not.toMatch(/PASS|FAIL/);
    });
  });

  it('junit under strict marks a check with undeclared fields as failed', () => {
    const xml = render({ ...report, strict: true }, 'junit');
    wellFormed(xml);
    expect(xml).toMatch(/name="a.warn: title of a.warn"[^>]*>\s*<failure message="undeclared fields \(strict\)"/);
  });
});
