import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/index';

/** Sends `chunks` as a chunked body (no Content-Length), so only reading it can find its size. */
function chunkedPost(
  url: string,
  path: string,
  headers: Record<string, string>,
  chunks: string[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies read from the served socket', () => {
  let running: RunningMock | undefined;
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  it('reads a body sent in chunks into a create, and refuses one past the limit with the provider error', async () => {
    running = await startMock({ port: 0, providers: ['piriod'], bodyLimitBytes: 1024 });
    const headers = { Authorization: 'Token t', 'Content-Type': 'application/json' };
    const created = await chunkedPost(running.url, '/customers/', headers, [
      '{"name":"Chunked',
      ' SpA","country":"CL","tax_id":"76.086.428-5"}',
    ]);
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ name: 'Chunked SpA' });
    const tooLarge = await chunkedPost(running.url, '/customers/', headers, ['{"name":"', 'x'.repeat(800), 'y'.repeat(800), '"}']);
    expect(tooLarge.status).toBe(413);
  });
});
