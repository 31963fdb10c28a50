import { describe, expect, it } from 'vitest';
import { type FetchLike, RestClient } from './rest.client';
import { SwitchboardError } from './switchboard.error';

function recordingFetch(respond: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { calls, fetch };
}

describe('RestClient', () => {
  it('sends PUT and DELETE with the bearer token and a JSON body', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json({ ok: true }));
    const rest = new RestClient('http://h', () => 't1', fetch);
    await expect(rest.call('PUT', '/v1/x', { a: 1 })).resolves.toEqual({ ok: true });
    await rest.call('DELETE', '/v1/x/1');
    expect(calls.map((c) => c.init?.method)).toEqual(['PUT', 'DELETE']);
    expect(calls[0]!.init?.body).toBe('{"a":1}');
    expect((calls[1]!.init?.headers as Record<string, string>).authorization).toBe('Bearer t1');
  });

  it('reads bytes with blob() and turns an error body into a typed error', async () => {
    const { calls, fetch } = recordingFetch((url) =>
      url.endsWith('/ok')
        ? new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } })
        : Response.json({ code: 'UPLOAD_NOT_FOUND', message: 'no' }, { status: 404 }),
    );
    const rest = new RestClient('http://h', 'tok', fetch);
    const blob = await rest.blob('/v1/uploads/ok');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    expect((calls[0]!.init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
    const failure = await rest.blob('/v1/uploads/missing').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SwitchboardError);
    expect(failure).toMatchObject({ code: 'UPLOAD_NOT_FOUND', status: 404 });
  });
});
