import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../contracts/check/report';
import {
  CredentialsRefusedError,
  UnreachableError,
  runSuite,
  type CheckDef,
  type Context,
  type Operation,
  type Suite,
} from '../../contracts/check/runner';

/** A toy API: GET /things answers `body`, with `status` and `type`. */
function toyTarget(answer: { status?: number; body?: unknown; type?: string; raw?: string }) {
  const seen: Request[] = [];
  return {
    seen,
    target: {
      baseUrl: 'http://toy.test/api',
      fetch: async (request: Request) => {
        seen.push(request);
        const text = answer.raw ?? JSON.stringify(answer.body ?? { items: [{ id: 1, name: 'a' }] });
        return new Response(text, { status: answer.status ?? 200, headers: { 'content-type': answer.type ?? 'application/json' } });
      },
    },
  };
}

const Thing = z.object({ id: z.number(), name: z.string() });
const things: Operation = {
  id: 'things',
  method: 'GET',
  route: '/things',
  responses: { 200: z.object({ items: z.array(Thing) }), 401: null },
};

function toySuite(checks: CheckDef<{ n: number }>[]): Suite<{ n: number }> {
  return {
    provider: 'toy',
    title: 'Toy',
    validate: (o) => (o.token === 'bad token' ? 'no spaces' : undefined),
    apiRoot: (base) => base,
    headers: (o) => ({ Authorization: `Bearer ${o.token}` }),
    initialState: () => ({ n: 0 }),
    checks,
  };
}

const listCheck: CheckDef<{ n: number }> = {
  id: 'toy.list',
  level: 'schema',
  mode: 'read',
  title: 'GET /things answers 200',
  async run(ctx) {
    ctx.expectStatus(await ctx.send(things, { path: '/things', query: { page: 1, skip: undefined } }), 200);
  },
};

describe('runSuite', () => {
  it("sends requests below the API root with the suite's headers and passes a conforming target", async () => {
    const { target, seen } = toyTarget({});
    const report = await runSuite(toySuite([listCheck]), target, { token: 't' });
    expect(seen[0].url).toBe('http://toy.test/api/things?page=1');
    expect(seen[0].headers.get('authorization')).toBe('Bearer t');
    expect(report.checks.map((c) => [c.id, c.outcome, c.requests])).toEqual([['toy.list', 'passed', 1]]);
    expect(summarize(report).ok).toBe(true);
  });

  it('names method, path, JSON path, expected and actual for a schema drift', async () => {
    const { target } = toyTarget({ body: { items: [{ id: '1', name: 'a' }] } });
    const report = await runSuite(toySuite([listCheck]), target, { token: 't' });
    expect(report.checks[0].outcome).toBe('failed');
    expect(report.checks[0].failures).toEqual([
      { method: 'GET', path: '/api/things?page=1', jsonPath: '$.items[0].id', expected: 'number', actual: 'string "1"' },
    ]);
  });

  it.each([
    [
      'an undocumented status',
      { status: 500, raw: '<h1>Server Error (500)</h1>', type: 'text/html' },
      'status',
      'a documented status (200, 401)',
      '500 text/html: <h1>Server Error (500)</h1>',
    ],
    [
      'a redirect',
      { status: 301, raw: '', type: 'text/html' },
      'status',
      'a documented status (200, 401)',
      '301 (redirect to no Location)',
    ],
    [
      'JSON in another charset',
      { type: 'application/json; charset=iso-8859-1' },
      'header content-type',
      'application/json in UTF-8 (no charset, or charset=utf-8)',
      'application/json; charset=iso-8859-1',
    ],
    ['a wrong content type', { type: 'text/html' }, 'header content-type', 'application/json', 'text/html'],
    ['a body that is not JSON', { raw: '<html>' }, '$', 'a JSON body', expect.stringContaining('not JSON')],
    ['a body where none is documented', { status: 401, raw: 'no' }, 'body', 'an empty body', 'no'],
  ])('fails on %s', async (_name, answer, jsonPath, expected, actual) => {
    const { target } = toyTarget(answer);
    const check: CheckDef<{ n: number }> = { ...listCheck, run: async (ctx) => void (await ctx.send(things, { path: '/things' })) };
    const report = await runSuite(toySuite([check]), target, { token: 't' });
    expect(report.checks[0].failures).toContainEqual(expect.objectContaining({ jsonPath, expected, actual }));
  });

  it('warns on undeclared fields, and fails on them only with strict', async () => {
    const { target } = toyTarget({
      body: {
        items: [
          { id: 1, name: 'a', color: 'red' },
          { id: 2, name: 'b', color: 'blue' },
        ],
      },
    });
    const relaxed = await runSuite(toySuite([listCheck]), target, { token: 't' });
    expect(relaxed.checks[0].outcome).toBe('passed');
    // One warning for the field, however many records carry it.
    expect(relaxed.checks[0].warnings).toEqual([
      { method: 'GET', path: '/api/things?page=1', jsonPath: '$.items[0].color', message: 'field not declared by the schema' },
    ]);
    expect(summarize(relaxed)).toMatchObject({ ok: true, warnings: 1 });
    const strict = await runSuite(toySuite([listCheck]), target, { token: 't', strict: true });
    expect(summarize(strict)).toMatchObject({ ok: false, failed: 1 });
  });

  it('reports one schema finding per place and check, counting the repeats', async () => {
    const { target } = toyTarget({ body: { items: [{ id: 1 }, { id: 2 }, { id: 3 }] } });
    const twice: CheckDef<{ n: number }> = {
      ...listCheck,
      id: 'toy.twice',
      async run(ctx) {
        await ctx.send(things, { path: '/things' });
        await ctx.send(things, { path: '/things' });
      },
    };
    const report = await runSuite(toySuite([listCheck, twice]), target, { token: 't' });
    expect(report.checks[0].failures).toEqual([expect.objectContaining({ jsonPath: '$.items[0].name', repeats: 2 })]);
    // Another check that sees the same drift fails too (every verdict stands on its own), on one
    // line naming the check that reported it in full, so one drifted field is not repeated by each.
    expect(report.checks[1].failures).toEqual([
      {
        method: 'GET',
        path: '/api/things',
        jsonPath: '$',
        expected: 'answers matching the document',
        actual: 'the schema mismatch toy.list reports in full ($.items[*].name)',
      },
    ]);
    // Run alone, the same check reports it in full.
    const alone = await runSuite(toySuite([listCheck, twice]), target, { token: 't', only: ['toy.twice'] });
    expect(alone.checks[0].failures).toEqual([expect.objectContaining({ jsonPath: '$.items[0].name', repeats: 5 })]);
  });

  it('runs only the selected levels, modes and ids', async () => {
    const { target } = toyTarget({});
    const mk = (id: string, level: 'schema' | 'behaviour', mode: 'read' | 'write'): CheckDef<{ n: number }> => ({
      id,
      level,
      mode,
      title: id,
      run: async () => {},
    });
    const suite = toySuite([
      mk('a.schema', 'schema', 'read'),
      mk('a.behaviour', 'behaviour', 'read'),
      mk('a.write', 'behaviour', 'write'),
      mk('b.other', 'schema', 'read'),
    ]);
    const ids = async (o: object) => (await runSuite(suite, target, { token: 't', ...o })).checks.map((c) => c.id);
    expect(await ids({})).toEqual(['a.schema', 'a.behaviour', 'a.write', 'b.other']);
    expect(await ids({ levels: ['schema'] })).toEqual(['a.schema', 'b.other']);
    expect(await ids({ readOnly: true })).toEqual(['a.schema', 'a.behaviour', 'b.other']);
    expect(await ids({ only: ['a'] })).toEqual(['a.schema', 'a.behaviour', 'a.write']);
    expect(await ids({ skip: ['a.write', 'b'] })).toEqual(['a.schema', 'a.behaviour']);
  });

  it('refuses, before sending anything, a selection with a pattern that matches no check', async () => {
    const { target, seen } = toyTarget({});
    const run = (o: object) => runSuite(toySuite([listCheck, { ...listCheck, id: 'toy.other' }]), target, { token: 't', ...o });
    await expect(run({ only: ['toy.lsit'] })).rejects.toThrow('--only "toy.lsit" matches no check');
    await expect(run({ only: ['toy.list', 'toy.lsit'] })).rejects.toThrow('--only "toy.lsit" matches no check');
    await expect(run({ skip: ['toy'] })).rejects.toThrow('no check is left to run (--skip toy)');
    await expect(run({ only: ['toy.list'], readOnly: true, levels: ['behaviour'] })).rejects.toThrow(
      '--only "toy.list" names only schema checks, which --checks behaviour leaves out',
    );
    expect(seen).toEqual([]);
  });

  it('records skips, aborts, crashes and unmet needs without stopping the run', async () => {
    const { target } = toyTarget({});
    const report = await runSuite(
      toySuite([
        { id: 's', level: 'behaviour', mode: 'read', title: 's', run: async (ctx) => ctx.skip('no data') },
        {
          id: 'a',
          level: 'behaviour',
          mode: 'read',
          title: 'a',
          run: async (ctx: Context<{ n: number }>) => {
            ctx.require(false, { method: 'GET', path: '/x' }, '$.x', '1', '2');
            ctx.fail({ method: 'GET', path: '/x' }, '$.never', 'never', 'reached');
          },
        },
        {
          id: 'c',
          level: 'behaviour',
          mode: 'read',
          title: 'c',
          run: async () => {
            throw new TypeError('cannot read x of undefined');
          },
        },
        { id: 'n', level: 'behaviour', mode: 'read', title: 'n', needs: ['s'], run: async () => {} },
        {
          id: 'ok',
          level: 'behaviour',
          mode: 'read',
          title: 'ok',
          run: async (ctx) => {
            ctx.state.n++;
            ctx.note(`n=${ctx.state.n}`);
          },
        },
      ]),
      target,
      { token: 't' },
    );
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.s).toMatchObject({ outcome: 'skipped', skipReason: 'no data' });
    expect(byId.a.failures).toEqual([{ method: 'GET', path: '/x', jsonPath: '$.x', expected: '1', actual: '2' }]);
    expect(byId.c).toMatchObject({
      outcome: 'failed',
      failures: [expect.objectContaining({ actual: expect.stringContaining('cannot read x') })],
    });
    expect(byId.n).toMatchObject({ outcome: 'skipped', skipReason: 'needs s, which did not pass' });
    expect(byId.ok).toMatchObject({ outcome: 'passed', notes: ['n=1'] });
  });

  it('rejects with UnreachableError when the first request gets no answer', async () => {
    const target = {
      baseUrl: 'http://127.0.0.1:9',
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    };
    await expect(runSuite(toySuite([listCheck]), target, { token: 't' })).rejects.toThrow(UnreachableError);
    await expect(runSuite(toySuite([listCheck]), target, { token: 't' })).rejects.toThrow(
      'cannot reach http://127.0.0.1:9/: connection refused (nothing listens there) (ECONNREFUSED)',
    );
  });

  it('ends a request at the timeout even when the target ignores the abort signal', async () => {
    const target = { baseUrl: 'http://toy.test', fetch: () => new Promise<Response>(() => {}) };
    const started = Date.now();
    await expect(runSuite(toySuite([listCheck]), target, { token: 't', timeoutMs: 50 })).rejects.toThrow(
      'no answer before the timeout (--timeout)',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends a body that stalls at the timeout', async () => {
    let calls = 0;
    const target = {
      baseUrl: 'http://toy.test',
      fetch: async () => {
        if (calls++ === 0) return Response.json({ items: [] });
        // Headers at once, then a body that never ends.
        return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"items": [')) }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    };
    const report = await runSuite(toySuite([listCheck, { ...listCheck, id: 'toy.stalled' }]), target, { token: 't', timeoutMs: 50 });
    expect(report.checks[1].failures).toEqual([
      expect.objectContaining({ jsonPath: 'response', actual: 'answered 200, but its body did not end before the timeout (--timeout)' }),
    ]);
  });

  it('does not follow redirects: the 3xx is the answer, with its Location', async () => {
    const seen: Request[] = [];
    const target = {
      baseUrl: 'http://toy.test',
      fetch: async (request: Request) => {
        seen.push(request);
        return new Response(null, { status: 301, headers: { location: '/things/?page=1' } });
      },
    };
    const report = await runSuite(toySuite([listCheck]), target, { token: 't' });
    expect(seen[0].redirect).toBe('manual');
    expect(report.checks[0].failures).toContainEqual(
      expect.objectContaining({ jsonPath: 'status', actual: '301 (redirect to http://toy.test/things/?page=1)' }),
    );
  });

  it('stops reading a body past 16 MB and reports it', async () => {
    const { target } = toyTarget({});
    const big: typeof target = {
      ...target,
      fetch: async () => new Response(new Uint8Array(17 * 1024 * 1024).fill(32), { headers: { 'content-type': 'application/json' } }),
    };
    const report = await runSuite(toySuite([listCheck]), big, { token: 't' });
    expect(report.checks[0].failures).toContainEqual(expect.objectContaining({ jsonPath: 'body', expected: 'a body under 16 MB' }));
  });

  it('gives up on an endpoint that got no answer three times in a row, and still judges the others', async () => {
    const sent: string[] = [];
    const target = {
      baseUrl: 'http://toy.test',
      fetch: async (request: Request) => {
        sent.push(new URL(request.url).pathname);
        if (request.url.includes('/broken')) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        return Response.json({ items: [] });
      },
    };
    const broken: CheckDef<{ n: number }> = { ...listCheck, run: async (ctx) => void (await ctx.send(things, { path: '/broken/1' })) };
    const checks = [listCheck, ...['a', 'b', 'c', 'd'].map((id) => ({ ...broken, id })), { ...listCheck, id: 'after' }];
    const report = await runSuite(toySuite(checks), target, { token: 't' });
    // Each reset GET is sent once more (a server may close an idle connection as a request goes out).
    expect(sent).toEqual(['/things', ...Array(6).fill('/broken/1'), '/things']);
    expect(report.checks.map((c) => c.failures[0]?.actual)).toEqual([
      undefined,
      'connection reset by the server (ECONNRESET)',
      'connection reset by the server (ECONNRESET)',
      'connection reset by the server (ECONNRESET)',
      'not sent: GET /broken/{id} got no answer 3 times in a row',
      undefined,
    ]);
  });

  it('fails every remaining request at once when three in a row, on two endpoints, got no answer', async () => {
    let calls = 0;
    const target = {
      baseUrl: 'http://toy.test',
      fetch: async () => {
        if (calls++ === 0) return Response.json({ items: [] });
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
    };
    const other: CheckDef<{ n: number }> = { ...listCheck, run: async (ctx) => void (await ctx.send(things, { path: '/other' })) };
    const checks = [listCheck, { ...listCheck, id: 'b' }, { ...other, id: 'c' }, { ...listCheck, id: 'd' }, { ...other, id: 'e' }];
    const report = await runSuite(toySuite(checks), target, { token: 't' });
    // The first answer, then three GETs each sent twice (a reset connection is tried once more).
    expect(calls).toBe(7);
    expect(report.checks.at(-1)?.failures[0]?.actual).toBe('not sent: the target stopped answering (3 requests in a row got no answer)');
  });

  it('groups the same failure on many items of one answer, counting the rest', async () => {
    const { target } = toyTarget({});
    const check: CheckDef<{ n: number }> = {
      ...listCheck,
      async run(ctx) {
        for (const i of [0, 1, 2]) ctx.fail({ method: 'GET', path: '/things' }, `$.items[${i}].name`, 'b', `c${i}`);
        ctx.fail({ method: 'GET', path: '/things' }, '$.count', '1', '2');
      },
    };
    const report = await runSuite(toySuite([check]), target, { token: 't' });
    expect(report.checks[0].failures).toEqual([
      { method: 'GET', path: '/things', jsonPath: '$.items[0].name', expected: 'b', actual: 'c0', repeats: 2 },
      { method: 'GET', path: '/things', jsonPath: '$.count', expected: '1', actual: '2' },
    ]);
  });

  it('fails the check (not the run) on a network error after the target has answered', async () => {
    let calls = 0;
    const target = {
      baseUrl: 'http://toy.test',
      fetch: async () => {
        if (calls++ > 0) throw new TypeError('fetch failed');
        return Response.json({ items: [] });
      },
    };
    const report = await runSuite(toySuite([listCheck, { ...listCheck, id: 'toy.second' }]), target, { token: 't' });
    expect(report.checks[0].outcome).toBe('passed');
    expect(report.checks[1]).toMatchObject({
      outcome: 'failed',
      failures: [expect.objectContaining({ jsonPath: 'response', actual: 'fetch failed' })],
    });
  });

  describe('credentials the target refuses', () => {
    const refusing = (refuse: (request: Request, calls: number) => boolean) => {
      let calls = 0;
      return {
        baseUrl: 'http://toy.test',
        fetch: async (request: Request) =>
          refuse(request, calls++) ? Response.json({ detail: 'Invalid token.' }, { status: 401 }) : Response.json({ items: [] }),
      };
    };
    const guarded = (checks: CheckDef<{ n: number }>[]) => ({
      ...toySuite(checks),
      credentials: { refused: (res: { status: number }) => res.status === 401 || res.status === 403, flags: '--token' },
    });
    const refusal = { ...things, responses: { ...things.responses, 401: z.object({ detail: z.string() }) } };
    const withoutKey: CheckDef<{ n: number }> = {
      ...listCheck,
      id: 'toy.no-key',
      run: async (ctx) => void ctx.expectStatus(await ctx.send(refusal, { path: '/things', headers: { Authorization: null } }), 401),
    };

    it("stop the run at the first answer to the run's own credentials", async () => {
      const target = refusing(() => true);
      const run = runSuite(guarded([listCheck, { ...listCheck, id: 'toy.again' }]), target, { token: 'old' });
      await expect(run).rejects.toThrow(CredentialsRefusedError);
      await expect(
        runSuite(
          guarded([listCheck]),
          refusing(() => true),
          { token: 'old' },
        ),
      ).rejects.toThrow(
        'the target refused the credentials: GET /things?page=1 answered 401 application/json: {"detail":"Invalid token."}\nCheck --token; no check was judged.',
      );
    });

    it('name the scheme a refusal asks for when it is not the one the run sends', async () => {
      const bearerOnly = {
        baseUrl: 'http://toy.test',
        fetch: async () =>
          Response.json({ detail: 'Invalid token.' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="api"' } }),
      };
      const suite = { ...guarded([listCheck]), credentials: { ...guarded([]).credentials, scheme: 'Token' } };
      await expect(runSuite(suite, bearerOnly, { token: 'old' })).rejects.toThrow(
        'It asks for another scheme (WWW-Authenticate: Bearer realm="api"); the run sends Authorization: Token …, as the provider documents.\nCheck --token',
      );
      // The scheme it sends, with parameters or in another case, is no other scheme.
      const sameScheme = {
        ...bearerOnly,
        fetch: async () => Response.json({ detail: 'x' }, { status: 401, headers: { 'WWW-Authenticate': 'token realm="api"' } }),
      };
      await expect(runSuite(suite, sameScheme, { token: 'old' })).rejects.toThrow(
        /answered 401 application\/json: \{"detail":"x"\}\nCheck --token/,
      );
    });

    it('are not judged on requests that send other credentials on purpose', async () => {
      const target = refusing((request) => request.headers.get('authorization') !== 'Bearer t');
      const report = await runSuite(guarded([withoutKey, listCheck]), target, { token: 't' });
      expect(report.checks.map((c) => [c.id, c.outcome])).toEqual([
        ['toy.no-key', 'passed'],
        ['toy.list', 'passed'],
      ]);
    });

    it('once accepted, a later refusal is a failure of its check, not a stop', async () => {
      const target = refusing((_request, calls) => calls > 0);
      const report = await runSuite(guarded([listCheck, { ...listCheck, id: 'toy.later' }]), target, { token: 't' });
      expect(report.checks[1].failures).toContainEqual(expect.objectContaining({ jsonPath: 'status', expected: '200' }));
    });
  });

  it('refuses options the suite cannot use', async () => {
    const { target } = toyTarget({});
    await expect(runSuite(toySuite([listCheck]), target, { token: 'bad token' })).rejects.toThrow('no spaces');
  });
});
