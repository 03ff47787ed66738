import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/index';

describe('a record asked again is answered from its kept bytes, over HTTP', () => {
  let running: RunningMock | undefined;
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  it('sends the same text and length every time, and the new text after an update', async () => {
    running = await startMock({ port: 0, providers: ['piriod'] });
    const headers = { Authorization: 'Token bytes', 'Content-Type': 'application/json' };
    const created = await fetch(`${running.url}/customers/`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Peñalolén Ñandú SpA', country: 'CL', tax_id: '76.086.428-5', address: 'Avenida José Arrieta 8400' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const read = async () => {
      const res = await fetch(`${running!.url}/customers/${id}/`, { headers });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      return bytes.toString('utf8');
    };
    const first = await read();
    expect(JSON.parse(first)).toMatchObject({ name: 'Peñalolén Ñandú SpA' });
    // The second reading keeps the bytes, the third is sent from them.
    expect(await read()).toBe(first);
    expect(await read()).toBe(first);

    const updated = await fetch(`${running.url}/customers/${id}/`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ name: 'Ñuñoa Ltda' }),
    });
    expect(updated.status).toBe(200);
    const after = await read();
    expect(JSON.parse(after)).toMatchObject({ name: 'Ñuñoa Ltda' });
    expect(await read()).toBe(after);
  });
});
