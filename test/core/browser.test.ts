/**
 * A page on another origin, run by a real Chromium against the running mock: what a frontend's
 * `fetch` meets (preflights, credentials, redirects, the headers its script may read) decided by
 * the browser itself, not by a model of its rules. The page is served from `localhost`, the mock
 * called at `127.0.0.1` (another origin) and, for the cookie jar, at `localhost` (cookies ignore
 * the port). Skipped when no Chromium is found (`CHROME_BIN`, else the usual paths).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock';

const CHROMIUM = [process.env.CHROME_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (path): path is string => Boolean(path) && existsSync(path as string),
);

/**
 * The page's script: each step's outcome (`status`, the headers read, or the error a blocked call
 * throws) into `results`, written URI-encoded into the page once every step is done.
 */
function pageScript(api: string, localApi: string): string {
  return `
const results = {};
const step = async (name, url, init, read) => {
  try {
    const res = await fetch(url, init);
    results[name] = { status: res.status, ...(read ? await read(res) : {}) };
  } catch (error) {
    results[name] = { error: error.name };
  }
};
const json = { 'Content-Type': 'application/json' };
const piriod = { Authorization: 'Token browser', 'X-Simple-Workspace': 'acc_browser', 'X-Requested-With': 'XMLHttpRequest' };
const run = async () => {
  let id;
  await step('piriod create', '${api}/customers/', { method: 'POST', credentials: 'include', headers: { ...piriod, ...json },
    body: JSON.stringify({ name: 'Browser SpA', country: 'US' }) }, async (res) => { id = (await res.json()).id; return {}; });
  await step('piriod update', '${api}/customers/' + id + '/', { method: 'PATCH', credentials: 'include', headers: { ...piriod, ...json },
    body: JSON.stringify({ name: 'Patched SpA' }) }, async (res) => ({ name: (await res.json()).name }));
  await step('piriod list without the slash', '${api}/customers?page_size=1', { credentials: 'include', headers: piriod },
    async (res) => ({ redirected: res.redirected, count: (await res.json()).count }));
  await step('piriod 405', '${api}/customers/', { method: 'PUT', headers: piriod }, async (res) => ({ allow: res.headers.get('Allow') }));
  await step('piriod 401', '${api}/customers/', {}, async (res) => ({ challenge: res.headers.get('WWW-Authenticate') }));
  await step('piriod 429', '${api}/customers/', { headers: { ...piriod, 'X-Understudy-Status': '429', 'X-Understudy-Retry-After': '7' } },
    async (res) => ({ retryAfter: res.headers.get('Retry-After') }));
  await step('piriod delete', '${api}/customers/' + id + '/', { method: 'DELETE', credentials: 'include', headers: piriod });
  let token;
  await step('pelcro register', '${api}/api/v1/sdk/auth/register?site_id=1', { method: 'POST', credentials: 'include', headers: json,
    body: JSON.stringify({ email: 'browser@example.com', password: 'secret-pw' }) });
  await step('pelcro login', '${api}/api/v1/sdk/auth/login?site_id=1', { method: 'POST', credentials: 'include',
    body: new URLSearchParams({ email: 'browser@example.com', password: 'secret-pw' }) },
    async (res) => { token = (await res.json()).data.auth_token; return {}; });
  const pelcro = () => ({ Authorization: 'Bearer ' + token });
  await step('pelcro update', '${api}/api/v1/sdk/customer?site_id=1', { method: 'PUT', credentials: 'include', headers: { ...pelcro(), ...json },
    body: JSON.stringify({ first_name: 'Ada' }) }, async (res) => { const data = (await res.json()).data; token = data.auth_token; return { first_name: data.first_name }; });
  await step('pelcro update by _method', '${api}/api/v1/sdk/customer?site_id=1', { method: 'POST', credentials: 'include', headers: pelcro(),
    body: new URLSearchParams({ _method: 'PUT', last_name: 'Lovelace' }) }, async (res) => ({ last_name: (await res.json()).data.last_name }));
  await step('pelcro payment method', '${api}/api/v1/sdk/payment_methods?site_id=1', { method: 'POST', credentials: 'include',
    headers: { ...pelcro(), ...json }, body: JSON.stringify({ token: 'tok_visa' }) });
  await step('admin reset', '${api}/__understudy/reset', { method: 'POST', headers: json, body: '{}' });
  await step('admin reset, no-cors', '${api}/__understudy/reset', { method: 'POST', mode: 'no-cors' }, async (res) => ({ type: res.type }));
  await step('pelcro customer after the resets', '${api}/api/v1/sdk/customer?site_id=1', { method: 'POST', headers: pelcro() },
    async (res) => ({ last_name: (await res.json()).data.last_name }));
  for (let i = 0; i < 6; i++) document.cookie = 'jar' + i + '=' + 'v'.repeat(3900) + '; path=/';
  await step('piriod list with a large localhost cookie jar', '${localApi}/customers/', { credentials: 'include', headers: piriod });
};
run().finally(() => { document.getElementById('out').textContent = encodeURIComponent(JSON.stringify(results)); });
`;
}

let mock: RunningMock;
let page: Server;
let profile: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  mock = await startMock({ port: 0 });
  profile = mkdtempSync(join(tmpdir(), 'understudy-chromium-'));
  const html = `<!doctype html><pre id="out">pending</pre><script>${pageScript(mock.url, `http://localhost:${mock.port}`)}</script>`;
  page = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  if (!CHROMIUM) return;
  await mock.close();
  await new Promise((resolve) => page.close(resolve));
  rmSync(profile, { recursive: true, force: true });
});

/** Loads the page headless, waits for its calls, and returns what its script recorded. */
function runPage(): Promise<Record<string, Record<string, unknown>>> {
  const url = `http://localhost:${(page.address() as AddressInfo).port}/`;
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    `--user-data-dir=${profile}`,
    '--virtual-time-budget=20000',
    '--dump-dom',
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM!, args, { timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      const out = /<pre id="out">([^<]*)<\/pre>/.exec(stdout)?.[1];
      if (!out || out === 'pending') reject(error ?? new Error(`the page recorded nothing: ${stdout.slice(0, 500)}`));
      else resolve(JSON.parse(decodeURIComponent(out)));
    });
  });
}

describe.skipIf(!CHROMIUM)('a page on another origin in Chromium, against the running mock', () => {
  it("calls both providers as a frontend does, reads their errors and headers, and cannot reach the mock's own routes", async () => {
    const results = await runPage();
    expect(results).toEqual({
      'piriod create': { status: 201 },
      'piriod update': { status: 200, name: 'Patched SpA' },
      // Django's APPEND_SLASH 301 after the preflight: the browser follows it, Authorization kept.
      'piriod list without the slash': { status: 200, redirected: true, count: 51 },
      'piriod 405': { status: 405, allow: 'GET, POST, HEAD, OPTIONS' },
      'piriod 401': { status: 401, challenge: 'Token' },
      'piriod 429': { status: 429, retryAfter: '7' },
      'piriod delete': { status: 204 },
      'pelcro register': { status: 201 },
      'pelcro login': { status: 200 },
      'pelcro update': { status: 200, first_name: 'Ada' },
      'pelcro update by _method': { status: 200, last_name: 'Lovelace' },
      'pelcro payment method': { status: 201 },
      // The preflight is refused (no CORS header); the simple POST is sent but refused for its Origin.
      'admin reset': { error: 'TypeError' },
      'admin reset, no-cors': { status: 0, type: 'opaque' },
      'pelcro customer after the resets': { status: 200, last_name: 'Lovelace' },
      // 23 KB of cookies: node's 431, which the page reads instead of a network error.
      'piriod list with a large localhost cookie jar': { status: 431 },
    });
  });
});
