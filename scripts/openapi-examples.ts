/**
 * Helpers for drawing OpenAPI examples from the seeded mock: requests go to an in-process app
 * (no port), every answer is checked for the status it must have and parsed by the schema it is an
 * example of, so an example can never contradict the document it sits in.
 */
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { Example } from '../contracts/definition';

/** The instant every generated document's mock runs at, so created records have stable timestamps. */
export const FROZEN_AT = '2026-01-01T12:00:00Z';
export const SEED = 1;

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON, unless `raw` is given. */
  body?: unknown;
  raw?: string;
  contentType?: string;
}

export interface Answer {
  status: number;
  json: unknown;
}

export function caller(app: Hono, defaultHeaders: Record<string, string>) {
  return async function call({ method = 'GET', path, headers, body, raw, contentType }: Call): Promise<Answer> {
    const init: RequestInit = { method, headers: { ...defaultHeaders, ...headers } };
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) {
      init.body = payload;
      (init.headers as Record<string, string>)['Content-Type'] = contentType ?? 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
  };
}

/**
 * An example of `schema` from an answer that must have `status`. Throws (failing generation) when
 * the mock answers otherwise or the body does not fit the schema: then the mock, the schema or the
 * definition is wrong, and the document must not paper over it.
 */
export function example(summary: string, answer: Answer, status: number, schema: z.ZodType | readonly z.ZodType[]): Example {
  if (answer.status !== status) {
    throw new Error(`example "${summary}": expected ${status}, the mock answered ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  const schemas: readonly z.ZodType[] = Array.isArray(schema) ? schema : [schema as z.ZodType];
  const results = schemas.map((s) => s.safeParse(answer.json));
  if (!results.some((r) => r.success)) {
    const issues = results.map((r) => (r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)))).join('\n');
    throw new Error(`example "${summary}": the mock's ${status} body does not fit its schema:\n${issues}`);
  }
  return { summary, value: answer.json };
}

/** An example request body, checked against the request schema (as the mock will check it). */
export function requestExample(summary: string, value: unknown, schema: z.ZodType): Example {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`request example "${summary}" does not fit its schema: ${JSON.stringify(result.error.issues)}`);
  return { summary, value };
}
