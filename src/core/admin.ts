/**
 * Who may use the mock's own routes under `/__understudy/`. Reset wipes every tenant, so these
 * routes are closed by default (Django's and Rails' rule for their debug endpoints: local only):
 *
 * - with an admin token, every admin route but health asks for `Authorization: Bearer <token>`,
 *   compared in constant time;
 * - without one, they answer only clients on a loopback address that name a loopback host (a
 *   page on `evil.example` resolving to 127.0.0.1 — DNS rebinding — names its own host);
 * - a browser request from another origin is refused whatever the token (its `Origin` or
 *   `Sec-Fetch-Site` says so, even for a `no-cors` simple POST), and no CORS header is ever sent;
 * - when the server binds a public interface without a token, they are off (`adminRoutes: false`).
 *
 * Health always answers, with `{"status": "ok"}` only, unless the admin token is given.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppOptions } from './options';

export interface AdminRefusal {
  status: 401 | 403;
  message: string;
}

/** IPv4 127.0.0.0/8, IPv6 ::1 and the IPv4-mapped form of 127.0.0.0/8. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/** A host name (no port) that always means this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name) || name === '[::1]';
}

/** The host of a Host header, without its port; IPv6 literals keep their brackets. */
function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  const colon = hostHeader.indexOf(':');
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}

/** The peer's address when the app runs behind @hono/node-server; undefined in-process (app.request). */
export function remoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries the admin token (constant-time: both sides are hashed to 32 bytes). */
export function hasAdminToken(c: Context, options: AppOptions): boolean {
  if (options.adminToken === undefined) return false;
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return timingSafeEqual(digest(match ? match[1] : ''), digest(options.adminToken)) && match !== null;
}

/** The origins that count as the server's own: the one the request was sent to, and --public-url. */
function ownOrigins(c: Context, options: AppOptions): string[] {
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  const own = [`${url.protocol}//${host}`.toLowerCase()];
  if (options.publicUrl) own.push(new URL(options.publicUrl).origin.toLowerCase());
  return own;
}

/** Why an admin request is refused, or undefined when it may go on. */
export function adminRefusal(c: Context, options: AppOptions): AdminRefusal | undefined {
  if (!options.adminRoutes) {
    return { status: 403, message: 'admin routes are off: the server binds a public interface; start it with --admin-token to use them' };
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && !ownOrigins(c, options).includes(origin.toLowerCase())) {
    return { status: 403, message: `admin routes refuse requests from another origin (${origin})` };
  }
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    return { status: 403, message: 'admin routes refuse cross-site requests' };
  }
  if (options.adminToken !== undefined) {
    return hasAdminToken(c, options) ? undefined : { status: 401, message: 'admin routes need Authorization: Bearer <admin token>' };
  }
  const address = remoteAddress(c);
  if (address !== undefined && !isLoopbackAddress(address)) {
    return { status: 403, message: 'admin routes answer loopback clients only; start the server with --admin-token to use them remotely' };
  }
  const host = c.req.header('host');
  if (address !== undefined && host !== undefined && !isLoopbackHost(hostName(host))) {
    return { status: 403, message: `admin routes answer requests to a loopback host only, not ${hostName(host)}` };
  }
  return undefined;
}

/** Middleware for `/__understudy/*`: health passes (it says little without the token), the rest is checked. */
export function adminGuard(options: AppOptions, healthPath: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === healthPath && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    const refusal = adminRefusal(c, options);
    if (!refusal) return next();
    const headers: Record<string, string> = refusal.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="understudy admin"' } : {};
    return c.json({ error: refusal.status === 401 ? 'unauthorized' : 'forbidden', message: refusal.message }, refusal.status, headers);
  };
}
