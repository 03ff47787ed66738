/**
 * Three renderings of a RunReport: `pretty` for a terminal or a CI log, `json` for machines,
 * `junit` for CI test tabs (one testsuite, one testcase per check).
 */
import { effectiveOutcome, summarize, type CheckResult, type Failure, type RunReport } from './report';

export const REPORTERS = ['pretty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function render(report: RunReport, reporter: ReporterName, options: { color?: boolean } = {}): string {
  switch (reporter) {
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    default:
      return renderPretty(report, options.color ?? false);
  }
}

// ---- pretty ----

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/**
 * Text from the target (bodies, headers, paths) made safe for a terminal: control characters and
 * bidirectional overrides are shown as escapes, so a hostile answer cannot move the cursor, recolour
 * the log or reorder what a reader sees.
 */
export function printable(text: string | undefined): string {
  return String(text ?? '').replace(
    /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function failureLines(f: Failure, indent: string): string[] {
  const more = f.repeats ? ` (and ${f.repeats} more like it)` : '';
  return [
    `${indent}${printable(f.method)} ${printable(f.path)}  ${printable(f.jsonPath)}${more}`,
    `${indent}  expected: ${printable(f.expected)}`,
    `${indent}  actual:   ${printable(f.actual)}`,
  ];
}

/** ` (2 warnings)` beside a check's title; red, and saying so, when --strict fails them. */
function warningCount(count: number, strict: boolean, red: (t: string) => string, yellow: (t: string) => string): string {
  const text = `${count} warning${count > 1 ? 's' : ''}`;
  return strict ? red(` (${text}, failing under --strict)`) : yellow(` (${text})`);
}

export function renderPretty(report: RunReport, color = false): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const red = (t: string) => paint('31', t);
  const green = (t: string) => paint('32', t);
  const yellow = (t: string) => paint('33', t);
  const dim = (t: string) => paint('2', t);
  const summary = summarize(report);
  const lines: string[] = [
    `Contract: ${report.provider} at ${report.baseUrl}`,
    dim(
      `levels: ${report.levels.join(', ')} · ${report.readOnly ? 'read-only (write checks not run)' : 'full (writes test records)'}` +
        `${report.strict ? ' · strict' : ''}`,
    ),
    '',
  ];
  for (const check of report.checks) {
    const outcome = effectiveOutcome(check, report.strict);
    const mark = outcome === 'passed' ? green(MARK.passed) : outcome === 'failed' ? red(MARK.failed) : yellow(MARK.skipped);
    const warn = check.warnings.length > 0 ? warningCount(check.warnings.length, report.strict, red, yellow) : '';
    lines.push(`${mark} ${check.title}${warn} ${dim(`[${check.id}, ${check.level}]`)}`);
    if (outcome === 'skipped' && check.skipReason) lines.push(dim(`    skipped: ${printable(check.skipReason)}`));
    for (const failure of check.failures) lines.push(...failureLines(failure, '    '));
    for (const w of check.warnings) {
      const label = report.strict ? red('undeclared') : yellow('warning');
      lines.push(`    ${label}: ${printable(`${w.method} ${w.path}  ${w.jsonPath}: ${w.message}`)}`);
    }
    for (const note of check.notes) lines.push(dim(`    note: ${printable(note)}`));
  }
  if (report.leftovers.length > 0) {
    lines.push('', 'Records left behind (remove them by hand):');
    for (const item of report.leftovers) lines.push(`  ${printable(item)}`);
  }
  if (report.error) {
    lines.push(`${red('ERROR')}  the run stopped before any verdict: ${printable(report.error.message)}`);
    return lines.join('\n');
  }
  // Under --strict the warnings fail their checks: the summary must not call them mere warnings.
  const failed =
    summary.failedByStrict > 0 ? `${summary.failed} failed (${summary.failedByStrict} by --strict)` : `${summary.failed} failed`;
  const warnings =
    report.strict && summary.warnings > 0 ? `${summary.warnings} warnings (failing under --strict)` : `${summary.warnings} warnings`;
  const parts = [`${summary.passed} passed`, failed, `${summary.skipped} skipped`, warnings];
  lines.push('', `${summary.ok ? green('PASS') : red('FAIL')}  ${parts.join(', ')}  (${summary.total} checks, ${report.durationMs} ms)`);
  return lines.join('\n');
}

// ---- json ----

export function renderJson(report: RunReport): string {
  const summary = summarize(report);
  const checks = report.checks.map((check) => ({ ...check, outcome: effectiveOutcome(check, report.strict) }));
  return JSON.stringify({ ...report, summary, checks }, null, 2);
}

// ---- junit ----

function xml(text: string): string {
  // XML 1.0 `Char`: what is outside it (control characters, lone surrogates) cannot appear at all.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function failureText(check: CheckResult, strict: boolean): string {
  const lines = check.failures.flatMap((f) => failureLines(f, ''));
  if (strict) for (const w of check.warnings) lines.push(`${w.method} ${w.path}  ${w.jsonPath}: ${w.message}`);
  return lines.join('\n');
}

export function renderJunit(report: RunReport): string {
  const summary = summarize(report);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const name = `understudy contract ${report.provider}`;
  // A stopped run is one errored testcase, so a CI test tab shows the reason, not "no results".
  const errors = report.error ? 1 : 0;
  const tests = summary.total + errors;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${summary.failed}" errors="${errors}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xml(name)}" tests="${tests}" failures="${summary.failed}" errors="${errors}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}" timestamp="${xml(report.startedAt)}">`,
    '    <properties>',
    `      <property name="baseUrl" value="${xml(report.baseUrl)}"/>`,
    `      <property name="levels" value="${xml(report.levels.join(','))}"/>`,
    `      <property name="readOnly" value="${report.readOnly}"/>`,
    `      <property name="strict" value="${report.strict}"/>`,
    '    </properties>',
  ];
  for (const check of report.checks) {
    const outcome = effectiveOutcome(check, report.strict);
    const open = `    <testcase classname="${xml(`${report.provider}.${check.level}`)}" name="${xml(`${check.id}: ${check.title}`)}" time="${seconds(check.durationMs)}"`;
    const warnings = check.warnings.map((w) => `${w.method} ${w.path} ${w.jsonPath}: ${w.message}`);
    const systemOut = [...check.notes, ...(outcome === 'failed' ? [] : warnings)];
    const inner: string[] = [];
    if (outcome === 'failed') {
      const first = check.failures[0];
      const message = first
        ? `${first.method} ${first.path} ${first.jsonPath}: expected ${first.expected}, got ${first.actual}`
        : 'undeclared fields (strict)';
      inner.push(`      <failure message="${xml(message)}" type="ContractDrift">${xml(failureText(check, report.strict))}</failure>`);
    } else if (outcome === 'skipped') {
      inner.push(`      <skipped message="${xml(check.skipReason ?? 'skipped')}"/>`);
    }
    if (systemOut.length > 0) inner.push(`      <system-out>${xml(systemOut.join('\n'))}</system-out>`);
    out.push(inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`);
  }
  if (report.error) {
    const { type, message } = report.error;
    out.push(
      `    <testcase classname="${xml(`${report.provider}.run`)}" name="${xml(`${report.provider}.run: the contract run`)}" time="${seconds(report.durationMs)}">`,
      `      <error message="${xml(message.replace(/\s*\n\s*/g, ' '))}" type="${xml(type)}">${xml(message)}</error>`,
      '    </testcase>',
    );
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n');
}
