/**
 * The stack's ceiling: bare Hono on @hono/node-server (the same two packages understudy is built
 * on) answering each route with a fixed, pre-serialised body; a write route reads and parses its
 * JSON body first. Whatever understudy does beyond this — auth, validation, the store, rendering —
 * is the gap the throughput table shows.
 *
 * Run by bench/throughput.ts as `node --import tsx bench/hono-server.ts ROUTES.json PORT`, where
 * ROUTES.json is an array of `{ path, body, headers }` (see FixedRoute in targets.ts).
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { FixedRoute } from './targets';

const [routesFile, port] = process.argv.slice(2);
const routes = JSON.parse(readFileSync(routesFile, 'utf8')) as FixedRoute[];

const app = new Hono();
for (const route of routes) {
  const status = (route.status ?? 200) as 200;
  // Encoded once: a string body is encoded to UTF-8 at every answer, and a page with accented
  // names (a two-byte string in V8) made bare Hono's Piriod list half as fast as understudy's,
  // which answers a kept page from its bytes.
  const body = new TextEncoder().encode(route.body);
  if ((route.method ?? 'GET') === 'GET') app.get(route.path, (c) => c.body(body, status, route.headers));
  else
    app.on(route.method as string, route.path, async (c) => {
      await c.req.json();
      return c.body(body, status, route.headers);
    });
}
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' });
