/**
 * Latency and failures on demand, to test an app's loading states, retries and error paths.
 *
 * - Per request, by header: `X-Understudy-Delay: 250` (ms), `X-Understudy-Status: 503` (answered
 *   in the provider's own error shape, before the request reaches it: nothing is written),
 *   `X-Understudy-Retry-After: 5` with a 429. `faultHeaders: false` ignores them.
 * - Per route, by rules (`--latency`, `--faults FILE`, `PUT /__understudy/faults`): each rule
 *   matches a provider, a method and a path prefix; every matching rule adds its delay (fixed or
 *   uniform in [min, max]); the first matching rule whose failure fires (`rate`, from 0 to 1)
 *   answers its status or drops the connection.
 *
 * A delay is a timer, never a busy wait, so the server keeps answering others meanwhile, and the
 * total is capped at MAX_DELAY_MS: no header or rule can make the server hold a request longer.
 * Which requests fail is drawn from a generator seeded by the app's seed, so a run repeats.
 */
import { z } from 'zod';
import { createRng, type Rng } from './random';

export const MAX_DELAY_MS = 30_000;

const Delay = z.union([
  z.int().min(0).max(MAX_DELAY_MS),
  z
    .object({ min: z.int().min(0).max(MAX_DELAY_MS), max: z.int().min(0).max(MAX_DELAY_MS) })
    .strict()
    .refine((d) => d.min <= d.max, { message: 'min must not be above max', path: ['max'] }),
]);

export const FaultRuleSchema = z
  .object({
    provider: z.enum(['piriod', 'pelcro']).optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((m) => m.toUpperCase())
      .optional(),
    /** A path prefix: `/customers/` matches every Piriod customer route. */
    path: z.string().startsWith('/').optional(),
    /** Milliseconds, or `{min, max}` for a uniform draw. */
    delay: Delay.optional(),
    /** Answer this status in the provider's error shape instead of serving the request. */
    status: z.int().min(400).max(599).optional(),
    /** With status 429: the `Retry-After` seconds. */
    retry_after: z.int().min(0).max(86_400).optional(),
    /** Cut the connection without an answer. */
    drop: z.boolean().optional(),
    /** The share of matching requests that fail (status or drop), 0 to 1. */
    rate: z.number().min(0).max(1).default(1),
  })
  .strict()
  .refine((r) => !(r.drop && r.status !== undefined), { message: 'a rule either drops the connection or answers a status', path: ['drop'] })
  .refine((r) => r.retry_after === undefined || r.status === 429, { message: 'retry_after goes with status 429', path: ['retry_after'] });

export type FaultRule = z.output<typeof FaultRuleSchema>;
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;

/** `50` or `50-200` (milliseconds): the rule `--latency` adds for every route. */
export function latencyRule(text: string): FaultRule | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2] ?? m[1]);
  const parsed = FaultRuleSchema.safeParse({ delay: min === max ? min : { min, max } });
  return parsed.success ? parsed.data : undefined;
}

/** What the faults decide for one request. */
export interface FaultPlan {
  delayMs: number;
  failure?: { status: number; retryAfterSeconds?: number } | 'drop';
}

export interface FaultRequest {
  provider: string;
  method: string;
  path: string;
  headers: Headers;
}

const HEADER_DELAY = 'x-understudy-delay';
const HEADER_STATUS = 'x-understudy-status';
const HEADER_RETRY_AFTER = 'x-understudy-retry-after';

export class Faults {
  private rules: FaultRule[] = [];
  private readonly rng: Rng;

  constructor(
    seed: number,
    rules: readonly FaultRule[],
    private readonly headersAllowed: boolean,
  ) {
    this.rng = createRng(`faults:${seed}`);
    this.rules = [...rules];
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  set(rules: readonly FaultRule[]): void {
    this.rules = [...rules];
  }

  /** What to do to a request, or a message naming the bad fault header. */
  plan(request: FaultRequest): FaultPlan | string {
    let delayMs = 0;
    let failure: FaultPlan['failure'];
    for (const rule of this.rules) {
      if (rule.provider !== undefined && rule.provider !== request.provider) continue;
      if (rule.method !== undefined && rule.method !== request.method) continue;
      if (rule.path !== undefined && !request.path.startsWith(rule.path)) continue;
      if (rule.delay !== undefined) delayMs += typeof rule.delay === 'number' ? rule.delay : this.uniform(rule.delay.min, rule.delay.max);
      if (failure === undefined && (rule.drop || rule.status !== undefined) && this.fires(rule.rate)) {
        failure = rule.drop ? 'drop' : { status: rule.status!, retryAfterSeconds: rule.retry_after };
      }
    }
    if (this.headersAllowed) {
      const delay = request.headers.get(HEADER_DELAY);
      if (delay !== null) {
        if (!/^\d{1,9}$/.test(delay.trim())) return `${HEADER_DELAY} must be whole milliseconds, at most ${MAX_DELAY_MS}`;
        delayMs += Number(delay.trim());
      }
      const status = request.headers.get(HEADER_STATUS);
      if (status !== null) {
        const code = Number(status.trim());
        if (!/^\d{3}$/.test(status.trim()) || code < 400 || code > 599) return `${HEADER_STATUS} must be a status from 400 to 599`;
        const retry = request.headers.get(HEADER_RETRY_AFTER);
        if (retry !== null && !/^\d{1,5}$/.test(retry.trim())) return `${HEADER_RETRY_AFTER} must be whole seconds`;
        failure = { status: code, retryAfterSeconds: retry === null || code !== 429 ? undefined : Number(retry.trim()) };
      }
    }
    return { delayMs: Math.min(delayMs, MAX_DELAY_MS), failure };
  }

  private uniform(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  private fires(rate: number): boolean {
    return rate >= 1 || (rate > 0 && this.rng() < rate);
  }
}
