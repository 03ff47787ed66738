/**
 * Load runs with wrk (Will Glozer's HTTP load generator, written in C; Debian's `wrk` package): the
 * same closed loop as `runLoad`'s autocannon (N keep-alive connections, each sending its next
 * request as soon as the last answer is read), from one thread of the generator.
 *
 * Why beside autocannon: autocannon reads every answer in JavaScript, and on two cores it read
 * Piriod's 30 KB first page no faster than about 19,000 times a second, whichever server sent it:
 * raw `node:http`, bare Hono and understudy all stopped there, autocannon at 100% of its core and
 * the servers at 55–72% of theirs. wrk read the same pages from the same servers at 42,000–64,000
 * a second, with 60–82% of its core. A list row measured with autocannon measured autocannon; for
 * small answers (retrieves, writes) the two generators agree more closely, as the server's CPU is
 * what runs out first.
 *
 * The request goes into a Lua script. A fixed one is formatted once by wrk (`wrk.method`,
 * `wrk.headers`, `wrk.body`); a counted one is formatted at every request by `request()`, its
 * templates filled in as `fill` fills them (wrk calls it once before it connects and sends
 * nothing of it, so the first number sent may be `firstIndex + 1`). `response()` counts the expected statuses and keeps the
 * first unexpected answer; `done()` prints one JSON line with the counts and wrk's latency
 * percentiles (its histogram keeps microseconds), read back here.
 *
 * What wrk does not give: the requests still unanswered at the stop. They are not counted, so the
 * percentiles are over answers only; a request waiting longer than the timeout counts as an error.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BenchRequest, LoadOptions, LoadResult } from './load';

/** The `wrk` found on the PATH and its version line, or undefined when there is none. */
export function wrkVersion(): string | undefined {
  try {
    // `wrk -v` prints its version, then its usage, and exits 1.
    execFileSync('wrk', ['-v'], { stdio: 'pipe' });
  } catch (error) {
    const { code, stdout } = error as { code?: string; stdout?: Buffer };
    if (code === 'ENOENT') return undefined;
    // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer": the name and the version.
    return stdout?.toString().split('[')[0]?.trim() || 'wrk';
  }
  return 'wrk';
}

/** A Lua string literal holding exactly `text`'s UTF-8 bytes. */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${byte}`;
  }
  return `${out}"`;
}

/** The Lua script of one run (see the file's comment). */
export function wrkScript(request: BenchRequest, host: string, expect: readonly number[], firstIndex: number): string {
  if (request.pathFor) throw new Error('wrk runs take a fixed or counted request: pathFor needs autocannon (runLoad)');
  const headers: Record<string, string> = { Host: host, ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const table = Object.entries(headers)
    .map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
    .join(', ');
  return `-- Written by bench/wrk.ts for one run.
local method, path = ${luaString(request.method)}, ${luaString(request.path)}
local body = ${request.body === undefined ? 'nil' : luaString(request.body)}
local headers = { ${table} }
local expected = { ${expect.map((s) => `[${s}] = true`).join(', ')} }

-- Request i's text: {i} is i, {i/N} is i divided by N, rounded down (bench/load.ts fill).
local i = ${firstIndex}
local function fill(template)
  local filled = string.gsub(template, "{i/(%d+)}", function(n) return string.format("%.0f", math.floor(i / tonumber(n))) end)
  return (string.gsub(filled, "{i}", string.format("%.0f", i)))
end

if ${request.counted ? 'true' : 'false'} then
  request = function()
    local own = {}
    for name, value in pairs(headers) do own[name] = fill(value) end
    local text = wrk.format(method, fill(path), own, body and fill(body))
    i = i + 1
    return text
  end
else
  wrk.method, wrk.path, wrk.body = method, path, body
  for name, value in pairs(headers) do wrk.headers[name] = value end
end

ok, unexpected, firstError = 0, 0, nil
response = function(status, _, answer)
  if expected[status] then
    ok = ok + 1
  else
    unexpected = unexpected + 1
    if not firstError then firstError = status .. " " .. string.sub(answer or "", 1, 300) end
  end
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end

local function json(text)
  if text == nil then return "null" end
  return '"' .. string.gsub(text, '[%c"\\\\]', function(c) return string.format("\\\\u%04x", string.byte(c)) end) .. '"'
end

done = function(summary, latency)
  local okAll, unexpectedAll, first = 0, 0, nil
  for _, thread in ipairs(threads) do
    okAll = okAll + thread:get("ok")
    unexpectedAll = unexpectedAll + thread:get("unexpected")
    first = first or thread:get("firstError")
  end
  local e = summary.errors
  io.write(string.format(
    '@wrk {"requests":%.0f,"durationUs":%.0f,"ok":%.0f,"unexpected":%.0f,"socket":%.0f,"timeouts":%.0f,"p50Us":%.0f,"p99Us":%.0f,"maxUs":%.0f,"firstError":%s}\\n',
    summary.requests, summary.duration, okAll, unexpectedAll, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, json(first)))
end
`;
}

interface WrkReport {
  requests: number;
  durationUs: number;
  ok: number;
  unexpected: number;
  socket: number;
  timeouts: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  firstError: string | null;
}

/** One run of `options` with wrk: the same result as `runLoad`'s. wrk counts whole seconds: the duration is rounded up. */
export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const { request } = options;
  const host = `${options.host ?? '127.0.0.1'}:${options.port}`;
  const seconds = Math.max(1, Math.ceil(options.durationMs / 1000));
  const timeoutS = options.timeoutS ?? Math.max(10, 2 * seconds);
  const dir = mkdtempSync(join(os.tmpdir(), 'understudy-wrk-'));
  try {
    const script = join(dir, 'run.lua');
    writeFileSync(script, wrkScript(request, host, options.expect, options.firstIndex ?? 0));
    // One thread: the counter behind counted requests is the thread's own, and the generator
    // takes at most one core, as autocannon's single thread does.
    const args = [
      '-t1',
      `-c${options.connections}`,
      `-d${seconds}s`,
      `--timeout`,
      `${timeoutS}s`,
      '-s',
      script,
      `http://${host}${request.path}`,
    ];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('wrk', args, { maxBuffer: 1 << 20 }, (error, out, err) =>
        error ? reject(new Error(`wrk failed: ${err || error.message}`)) : resolve(out),
      ),
    );
    const line = stdout.split('\n').find((l) => l.startsWith('@wrk '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const report = JSON.parse(line.slice(5)) as WrkReport;
    const errors = report.unexpected + report.socket + report.timeouts;
    const firstError =
      report.firstError !== null
        ? `${request.method} ${request.path} → ${report.firstError}`
        : errors > 0
          ? `${request.method} ${request.path} → ${report.socket} socket errors, ${report.timeouts} timeouts`
          : undefined;
    const ms = (us: number) => (report.requests > 0 ? us / 1000 : Number.NaN);
    return {
      requests: report.requests,
      errors,
      rps: report.ok / (report.durationUs / 1e6),
      p50Ms: ms(report.p50Us),
      p99Ms: ms(report.p99Us),
      maxMs: ms(report.maxUs),
      unfinished: 0,
      p50AtLeast: false,
      p99AtLeast: false,
      maxAtLeast: false,
      firstError,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
