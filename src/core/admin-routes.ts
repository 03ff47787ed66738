/**
 * The mock's own routes for sandboxes, under `/__understudy/` (behind the admin guard,
 * src/core/admin.ts): list, reset, snapshots out and in, the journal, the fault rules.
 *
 *   GET    /sandboxes                          every open sandbox: id, label, records, last use
 *   POST   /sandboxes/lookup                   {provider, token, …} → the id those credentials reach
 *   DELETE /sandboxes/:provider/:id            reset one sandbox (open, or kept by --persist)
 *   GET    /sandboxes/:provider/:id/snapshot   export one (?complete=true: every record)
 *   PUT    /sandboxes/:provider/:id/snapshot   import a one-sandbox document into this sandbox
 *   GET    /snapshot                           export every open sandbox (?provider=, ?complete=true)
 *   POST   /snapshot                           import a document (every sandbox in it)
 *   GET    /journal, /sandboxes/:provider/:id/journal      ?method=&path=&status=&since=
 *   DELETE /journal, /sandboxes/:provider/:id/journal      clear
 *   GET, PUT, DELETE /faults                   the fault rules
 *
 * A document that does not fit is a 400 naming the field, and nothing changes.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { type Faults, FaultRuleSchema } from './faults';
import { bodyWithin } from './body';
import { parseJournalFilter } from './journal';
import type { Sandboxes } from './sandboxes';
import { fieldPath } from './scenario-file';
import { jsonFileText, parseJsonFile } from './json-file';
import { SnapshotError } from './snapshot';

/** The largest snapshot document an import reads (a sandbox holds at most 8 MiB of records). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const bad = (c: Context, message: string, field?: string) =>
  c.json({ error: 'bad_request', message: field ? `${field}: ${message}` : message, ...(field === undefined ? {} : { field }) }, 400);

/** A snapshot document, its records' keys as sent (lib/ordered-json.ts). */
const jsonAnswer = (c: Context, value: unknown) => c.body(jsonFileText(value), 200, { 'Content-Type': 'application/json' });

const notFound = (c: Context, message: string) => c.json({ error: 'not_found', message }, 404);

const UTF8 = new TextDecoder();

/**
 * The body's text, or undefined past `max` bytes: read as it arrives and dropped at the first byte
 * past the bound. Read whole first, a chunked upload (no Content-Length) of 600 MiB took the server
 * to 1.35 GB and answered 500 ("Cannot create a string longer than …").
 */
export async function boundedText(c: Context, max: number): Promise<string | undefined> {
  const bytes = await bodyWithin(c, max);
  // Decoded as `Request.text()` decodes (the UTF-8 decode of the Encoding standard): a leading BOM,
  // which an editor on Windows writes, is dropped; Buffer's decoder kept it, and the JSON was refused.
  return bytes === undefined ? undefined : UTF8.decode(bytes);
}

/** The admin's 413 for a body past `max` bytes. */
export const tooLarge = (c: Context, max: number) => c.json({ error: 'payload_too_large', message: `at most ${max} bytes` }, 413);

async function readJson(c: Context): Promise<unknown | Response> {
  // boundedText refuses a declared Content-Length past the bound before reading anything.
  const text = await boundedText(c, MAX_IMPORT_BYTES);
  if (text === undefined) return tooLarge(c, MAX_IMPORT_BYTES);
  try {
    return parseJsonFile(text);
  } catch (error) {
    return bad(c, `the body is not JSON: ${(error as Error).message}`);
  }
}

function explain(c: Context, error: unknown): Response {
  if (error instanceof SnapshotError) return bad(c, error.message.slice(error.field ? error.field.length + 2 : 0), error.field);
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return bad(c, issue.message, fieldPath(issue.path) || undefined);
  }
  throw error;
}

const isTrue = (value: string | undefined) => value === 'true' || value === '1';

export function mountSandboxRoutes(app: Hono, prefix: string, sandboxes: Sandboxes, faults: Faults): void {
  /** The provider of a path, or the 404 naming those served. */
  const providerOf = (c: Context): string | Response => {
    const provider = c.req.param('provider') ?? '';
    return sandboxes.has(provider)
      ? provider
      : notFound(c, `no provider "${provider}"; this server serves ${sandboxes.names().join(', ')}`);
  };

  app.get(`${prefix}/sandboxes`, (c) => {
    const provider = c.req.query('provider');
    if (provider !== undefined && !sandboxes.has(provider)) return bad(c, `must be one of ${sandboxes.names().join(', ')}`, 'provider');
    return c.json({ sandboxes: sandboxes.list(provider) });
  });

  app.post(`${prefix}/sandboxes/lookup`, async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const { provider, ...credentials } = (body ?? {}) as Record<string, unknown>;
    if (typeof provider !== 'string' || !sandboxes.has(provider))
      return bad(c, `must be one of ${sandboxes.names().join(', ')}`, 'provider');
    try {
      return c.json(sandboxes.addressOf(provider, credentials));
    } catch (error) {
      return explain(c, error);
    }
  });

  app.delete(`${prefix}/sandboxes/:provider/:id`, (c) => {
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;
    const id = c.req.param('id');
    // As its snapshot route answers: an id no sandbox has is a 404, not a reset that did nothing.
    if (!sandboxes.reset(provider, id)) return notFound(c, `no open ${provider} sandbox ${id}`);
    return c.json({ reset: [{ provider, id }] });
  });

  app.get(`${prefix}/sandboxes/:provider/:id/snapshot`, (c) => {
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;
    const document = sandboxes.snapshotOne(provider, c.req.param('id'), isTrue(c.req.query('complete')));
    return document ? jsonAnswer(c, document) : notFound(c, `no open ${provider} sandbox ${c.req.param('id')}`);
  });

  app.put(`${prefix}/sandboxes/:provider/:id/snapshot`, async (c) => {
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;
    const id = c.req.param('id');
    if (!/^[0-9a-f]{16}$/.test(id)) return bad(c, 'must be 16 lower-case hex digits', 'id');
    const body = await readJson(c);
    if (body instanceof Response) return body;
    try {
      return c.json({ restored: sandboxes.restore(body, 'snapshot', { provider, id }) });
    } catch (error) {
      return explain(c, error);
    }
  });

  app.get(`${prefix}/snapshot`, (c) => {
    const provider = c.req.query('provider');
    if (provider !== undefined && !sandboxes.has(provider)) return bad(c, `must be one of ${sandboxes.names().join(', ')}`, 'provider');
    return jsonAnswer(c, sandboxes.snapshotAll(isTrue(c.req.query('complete')), provider));
  });

  app.post(`${prefix}/snapshot`, async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    try {
      return c.json({ restored: sandboxes.restore(body) });
    } catch (error) {
      return explain(c, error);
    }
  });

  const journal = (c: Context, provider?: string, id?: string) => {
    const filter = parseJournalFilter(c.req.query());
    if (typeof filter === 'string') return bad(c, filter);
    return c.json({ entries: sandboxes.journal(filter, provider, id) });
  };
  app.get(`${prefix}/journal`, (c) => {
    const provider = c.req.query('provider');
    if (provider !== undefined && !sandboxes.has(provider)) return bad(c, `must be one of ${sandboxes.names().join(', ')}`, 'provider');
    return journal(c, provider);
  });
  app.delete(`${prefix}/journal`, (c) => {
    sandboxes.clearJournal();
    return c.json({ cleared: true });
  });
  app.get(`${prefix}/sandboxes/:provider/:id/journal`, (c) => {
    const provider = providerOf(c);
    return provider instanceof Response ? provider : journal(c, provider, c.req.param('id'));
  });
  app.delete(`${prefix}/sandboxes/:provider/:id/journal`, (c) => {
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;
    sandboxes.clearJournal(provider, c.req.param('id'));
    return c.json({ cleared: true });
  });

  app.get(`${prefix}/faults`, (c) => c.json({ rules: faults.list() }));
  app.put(`${prefix}/faults`, async (c) => {
    const body = await readJson(c);
    if (body instanceof Response) return body;
    const parsed = z
      .object({ rules: z.array(FaultRuleSchema) })
      .strict()
      .safeParse(body);
    if (!parsed.success) return explain(c, parsed.error);
    faults.set(parsed.data.rules);
    return c.json({ rules: faults.list() });
  });
  app.delete(`${prefix}/faults`, (c) => {
    faults.set([]);
    return c.json({ rules: [] });
  });
}
