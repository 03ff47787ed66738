import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { providers } from '../../src/providers';
import { buildDocument, documentSources } from '../../scripts/openapi-build';

// biome-ignore lint/suspicious/noExplicitAny: walking untyped JSON
type Any = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const committedText = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

function operations(doc: Any): { method: string; path: string; op: Any }[] {
  return Object.entries(doc.paths as Record<string, Any>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

describe.each(documentSources.map((source) => [source.provider, source] as const))(
  'the committed %s OpenAPI document',
  (provider, source) => {
    const text = committedText(source.file);
    const doc = JSON.parse(text) as Any;
    let generated: string;
    beforeAll(async () => {
      generated = await buildDocument(source);
    });

    it('is what the schemas and the seeded mock generate now (run `npm run openapi` when this fails)', () => {
      expect(text === generated, `${source.file} is out of date: run npm run openapi`).toBe(true);
    });

    it('gives the same bytes when generated twice', async () => {
      expect(await buildDocument(source)).toBe(generated);
    });

    it('passes the independent OpenAPI 3.1 validator, every $ref resolved', async () => {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(doc));
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
      expect(() => validator.resolveRefs()).not.toThrow();
    });

    it('documents exactly the routes the mock serves for the provider', () => {
      const documented = operations(doc)
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
        .sort();
      const served = providers[provider].routes.map((route) => route.replace(/\s+/g, ' ').replace(/:(\w+)/g, '{$1}')).sort();
      expect(documented).toEqual(served);
    });

    it('gives every operation a unique operationId, success responses whose bodies have examples, and a 401 where it needs credentials', () => {
      const ids = operations(doc).map(({ op }) => op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { method, path, op } of operations(doc)) {
        const statuses = Object.keys(op.responses);
        const success = statuses.filter((s) => s.startsWith('2'));
        expect(success.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const status of success) {
          const content = op.responses[status].content;
          if (content)
            expect(Object.keys(content['application/json'].examples ?? {}).length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        }
        // Only an operation that needs credentials can refuse them (Pelcro's register and login need none).
        if (op.security?.length !== 0) expect(statuses, `${method} ${path}`).toContain('401');
      }
    });

    it('has the body-taking operations take JSON with an example', () => {
      // Pelcro's Open API has POSTs without a body (the current customer, logout, refresh).
      for (const { method, path, op } of operations(doc).filter(
        ({ method, op }) => ['post', 'put', 'patch'].includes(method) && op.requestBody,
      )) {
        expect(Object.keys(op.requestBody.content), `${method} ${path}`).toEqual(['application/json']);
        expect(Object.keys(op.requestBody.content['application/json'].examples ?? {}).length).toBeGreaterThan(0);
      }
    });

    it('answers every documented operation that needs credentials, unauthenticated, with its documented 401 body', async () => {
      const app = createApp({ seed: 1, providers: [provider] });
      for (const { method, path, op } of operations(doc).filter(({ op }) => op.security?.length !== 0)) {
        const url = path.replace('{id}', String(op.parameters.find((p: Any) => p.name === 'id')?.example ?? 1));
        const query = op.parameters?.some((p: Any) => p.name === 'site_id') ? '?site_id=1' : '';
        const res = await app.request(`${url}${query}`, { method: method.toUpperCase() });
        expect(res.status, `${method} ${path}`).toBe(401);
        const ref = op.responses['401'].content['application/json'].schema.$ref as string;
        const schema = doc.components.schemas[ref.split('/').pop()!];
        expect(Object.keys((await res.json()) as object)).toEqual(schema.required);
      }
    });

    it('draws its examples from the seeded data', () => {
      const list = operations(doc).find(({ op }) => op.operationId === 'listCustomers')!.op;
      const page = Object.values(list.responses['200'].content['application/json'].examples as Record<string, Any>)[0].value;
      const records = page.results ?? page.data;
      expect(records.length).toBeGreaterThan(0);
      const getOne = operations(doc).find(({ op }) => op.operationId === 'getCustomer')!.op;
      const id = getOne.parameters.find((p: Any) => p.name === 'id').example;
      expect(records.map((r: Any) => r.id)).toContain(id);
    });

    it('describes the 405 of an undocumented method as a shared response', () => {
      expect(doc.components.responses.MethodNotAllowed.headers.Allow).toBeDefined();
      expect(Object.keys(doc.components.responses.MethodNotAllowed.content['application/json'].examples)).toHaveLength(1);
    });
  },
);

describe('the security schemes', () => {
  const doc = (provider: string) => JSON.parse(committedText(`contracts/${provider}/openapi.json`)) as Any;

  it('let a Piriod request authenticate with `Token <key>` (apiKey on Authorization) or `Bearer <token>`', () => {
    const piriod = doc('piriod');
    expect(piriod.security).toEqual([{ token: [] }, { bearer: [] }]);
    expect(piriod.components.securitySchemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(piriod.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('let a Pelcro request authenticate with `Bearer <API key>`', () => {
    const pelcro = doc('pelcro');
    expect(pelcro.security).toEqual([{ bearer: [] }]);
    expect(pelcro.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
