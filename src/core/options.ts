import { z } from 'zod';
import { parseInstantMicros } from './clock';
import { FaultRuleSchema } from './faults';
import { DEFAULT_JOURNAL_LIMITS } from './journal';
import { DEFAULT_LIMITS, LimitsSchema } from './limits';
import { trimChar } from '../../lib/text';
import { ScenarioSchema, defaultScenario } from './scenario';

export const PROVIDER_NAMES = ['piriod', 'pelcro'] as const;
export const ProviderName = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderName>;

/**
 * Every option of the app, with its default, in one object (as hono middleware options do).
 * The CLI maps flags onto this; tests pass it to createApp directly. A bad value fails here with
 * a message that names the option.
 */
export const AppOptionsSchema = z
  .object({
    /** Seed for the generated data: the same seed gives byte-identical responses. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    scenario: ScenarioSchema.default(defaultScenario),
    providers: z
      .array(ProviderName)
      .min(1)
      .default([...PROVIDER_NAMES]),
    /**
     * When set, only these tokens (API keys) authenticate; otherwise any non-empty one does.
     * `key@workspace` binds a key to a Piriod workspace (see `tokenWorkspaces`); the same key may
     * be listed once per workspace.
     */
    tokens: z.array(z.string().min(1)).min(1).optional(),
    /** Piriod: answer a request without `X-Simple-Workspace` with the real API's 400. */
    requireWorkspace: z.boolean().default(false),
    /** An ISO 8601 instant with offset: sandbox clocks start there and tick one second a write. */
    freezeTime: z
      .string()
      .refine((v) => parseInstantMicros(v) !== undefined, {
        message: 'must be an ISO 8601 instant with an offset, e.g. 2026-01-01T12:00:00Z',
      })
      .optional(),
    /** Largest request body accepted, in bytes. */
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /**
     * The secret every `/__understudy/` route but health asks for (`Authorization: Bearer …`).
     * Without it those routes answer loopback clients only.
     */
    adminToken: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
    /** `false` turns the admin routes off (the server binds a public interface without a token). */
    adminRoutes: z.boolean().default(true),
    /** The base URL clients reach the mock at, for pagination links (instead of the Host header). */
    publicUrl: z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
        message: 'must be an http(s) URL, e.g. https://mock.example.com',
      })
      .transform((v) => trimChar(v, '/', 'end'))
      .optional(),
    /**
     * Pelcro's Open API: the secret its customer JWTs are signed with (HS256). Without one, each
     * server draws its own at start, so tokens do not outlive it.
     */
    tokenSecret: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
    /** Pelcro's Open API: how long a customer JWT lasts, in seconds (tymon/jwt-auth's default: 60 minutes). */
    tokenTtlSeconds: z
      .number()
      .int()
      .positive()
      .max(366 * 24 * 3600)
      .default(3600),
    /**
     * Pelcro's Open API: the API key whose sandbox a frontend's calls reach when they name none
     * (docs/decisions/006-one-account-two-apis.md). Default: the first of `tokens`, else `demo`.
     */
    openApiKey: z.string().min(1).optional(),
    /** Bounds on what clients may make the mock hold (src/core/limits.ts). */
    limits: LimitsSchema.default(DEFAULT_LIMITS),
    /** The journal of each sandbox (src/core/journal.ts); `entries: 0` keeps none. */
    journal: z
      .object({
        entries: z.int().min(0).max(10_000).default(DEFAULT_JOURNAL_LIMITS.entries),
        bytes: z
          .int()
          .min(0)
          .max(64 * 1024 * 1024)
          .default(DEFAULT_JOURNAL_LIMITS.bytes),
        totalBytes: z
          .int()
          .min(0)
          .max(1024 * 1024 * 1024)
          .default(DEFAULT_JOURNAL_LIMITS.totalBytes),
        bodyBytes: z
          .int()
          .min(0)
          .max(1024 * 1024)
          .default(DEFAULT_JOURNAL_LIMITS.bodyBytes),
      })
      .strict()
      .default(DEFAULT_JOURNAL_LIMITS),
    /** Latency and failure rules applied to provider routes from the start (src/core/faults.ts). */
    faults: z.array(FaultRuleSchema).default([]),
    /** Whether X-Understudy-Delay / -Status headers are obeyed (off for a public demo, if wanted). */
    faultHeaders: z.boolean().default(true),
    /** Snapshot documents sandboxes start from (`--snapshot`): checked when the app is built. */
    snapshots: z.array(z.unknown()).default([]),
  })
  .strict()
  .transform((options) => ({ ...options, ...bindTokens(options.tokens) }));

/**
 * `key@workspace` entries split into the keys that authenticate and, per key, the workspaces it
 * belongs to (a key listed without one is bound to none: every workspace is its own). Split at
 * the last `@`, so a key may hold one itself.
 */
function bindTokens(tokens: string[] | undefined): { tokens?: string[]; tokenWorkspaces?: ReadonlyMap<string, ReadonlySet<string>> } {
  if (!tokens) return {};
  const keys: string[] = [];
  const bound = new Map<string, Set<string>>();
  for (const entry of tokens) {
    const at = entry.lastIndexOf('@');
    const key = at > 0 && at < entry.length - 1 ? entry.slice(0, at) : entry;
    if (!keys.includes(key)) keys.push(key);
    if (key !== entry) {
      const workspaces = bound.get(key) ?? new Set<string>();
      workspaces.add(entry.slice(at + 1));
      bound.set(key, workspaces);
    }
  }
  return { tokens: keys, tokenWorkspaces: bound.size > 0 ? bound : undefined };
}

export type AppOptionsInput = z.input<typeof AppOptionsSchema>;
export type AppOptions = z.output<typeof AppOptionsSchema>;

/**
 * The app's options, checked: a wrong one throws an error whose message names each option and what
 * is wrong with it (`journal: expected object, received number`), one per line, as the CLI's
 * usage errors do, rather than Zod's list of issues as JSON. The issues stay on `issues`.
 */
export function parseOptions(input: AppOptionsInput = {}): AppOptions {
  const parsed = AppOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'options'}: ${issue.message}`);
  throw Object.assign(new TypeError(`understudy: invalid options\n${lines.join('\n')}`), { issues: parsed.error.issues });
}

/** The frozen start of sandbox clocks, in microseconds, or undefined for live time. */
export function frozenMicros(options: AppOptions): number | undefined {
  return options.freezeTime === undefined ? undefined : parseInstantMicros(options.freezeTime);
}
