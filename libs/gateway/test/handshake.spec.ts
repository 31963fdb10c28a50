import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT,
  CUSTOMER,
  eventually,
  type GatewayHarness,
  GATEWAY_ID,
  openClient,
  refusal,
  startGateway,
} from './support/gateway.harness';
import { ConnectionTracker } from '../src/connections/connection.tracker';

describe('SwitchboardGateway handshake and connection registry', () => {
  let gateway: GatewayHarness;

  beforeEach(async () => {
    gateway = await startGateway();
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('refuses a socket without a token with UNAUTHENTICATED', async () => {
    const client = openClient(gateway.url, undefined);
    const error = await refusal(client);
    expect(error.data).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    client.close();
  });

  it('refuses a badly signed token with UNAUTHENTICATED', async () => {
    const token = gateway.tokens.sign(CUSTOMER);
    const tampered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const client = openClient(gateway.url, tampered);
    const error = await refusal(client);
    expect(error.data?.code).toBe('UNAUTHENTICATED');
    client.close();
  });

  it.each([
    ['an unknown device kind', { device: 'toaster', deviceId: 'd-1' }],
    ['a missing device', { deviceId: 'd-1' }],
    ['an empty deviceId', { device: 'web', deviceId: '' }],
    ['a deviceId with unsafe characters', { device: 'web', deviceId: 'd 1/../x' }],
    ['a deviceId over 128 characters', { device: 'web', deviceId: 'd'.repeat(129) }],
  ])('refuses %s with HANDSHAKE_INVALID', async (_what, auth) => {
    const token = gateway.tokens.sign(CUSTOMER);
    const client = openClient(gateway.url, token, {}, { token, ...auth });
    const error = await refusal(client);
    expect(error.data?.code).toBe('HANDSHAKE_INVALID');
    expect(error.data?.message).toMatch(/device/);
    expect(gateway.registry.calls).toEqual([]);
    client.close();
  });

  it('registers an accepted socket with every field and unregisters it on disconnect', async () => {
    const client = await gateway.connect(AGENT, { device: 'ios', deviceId: 'iphone-7' });
    await eventually(() => gateway.registry.rows.has(client.id!), 'registration');
    const row = gateway.registry.rows.get(client.id!);
    expect(row).toEqual({
      uid: 'agent-1',
      role: 'agent',
      deviceId: 'iphone-7',
      device: 'ios',
      wsid: client.id,
      clientIp: expect.stringMatching(/127\.0\.0\.1/),
      serverIp: '10.0.0.1',
      gatewayId: GATEWAY_ID,
      channel: 'websocket',
      connectedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    client.disconnect();
    await eventually(() => !gateway.registry.rows.has(row!.wsid), 'unregistration');
    expect(gateway.registry.calls.at(-1)).toEqual({
      method: 'unregister',
      args: { uid: 'agent-1', wsid: row!.wsid },
    });
  });

  it('records polling, then websocket after the transport upgrade', async () => {
    const client = await gateway.connect(CUSTOMER, { transports: ['polling', 'websocket'] });
    const wsid = client.id!;
    await eventually(
      () => gateway.registry.rows.get(wsid)?.channel === 'websocket',
      'upgrade to websocket',
    );
    const channels = gateway.registry.calls
      .filter((call) => call.method === 'register')
      .map((call) => (call.args as { channel: string }).channel);
    expect(channels).toEqual(['polling', 'websocket']);
    client.disconnect();
  });

  it('heartbeats every row this gateway holds', async () => {
    const first = await gateway.connect(CUSTOMER, { deviceId: 'a' });
    const second = await gateway.connect(AGENT, { deviceId: 'b' });
    await eventually(() => gateway.registry.rows.size === 2, 'two rows');
    await gateway.app.get(ConnectionTracker).beat();
    const beat = gateway.registry.calls.find((call) => call.method === 'heartbeat');
    const wsids = (beat?.args as { wsid: string }[]).map((row) => row.wsid).sort();
    expect(wsids).toEqual([first.id, second.id].sort());
  });

  it('listens on the gateway link under its gateway id', () => {
    expect(gateway.link.listening(GATEWAY_ID)).toBe(true);
  });

  it('exposes the sockets gauge by channel on the metrics registry', async () => {
    await gateway.connect(CUSTOMER);
    await eventually(() => gateway.registry.rows.size === 1, 'row');
    const text = await gateway.metrics.metrics();
    expect(text).toMatch(/switchboard_gateway_sockets\{channel="websocket"\} 1/);
    expect(text).toMatch(/switchboard_gateway_sockets\{channel="polling"\} 0/);
  });
});

describe('Client IP behind a proxy', () => {
  it.each([
    [false, '127.0.0.1'],
    [true, '203.0.113.7'],
  ])('trustProxy %s records %s', async (trustProxy, expected) => {
    const gateway = await startGateway({ trustProxy });
    try {
      const client = await gateway.connect(CUSTOMER, {
        headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' },
      });
      await eventually(() => gateway.registry.rows.has(client.id!), 'registration');
      expect(gateway.registry.rows.get(client.id!)?.clientIp).toContain(expected);
    } finally {
      await gateway.close();
    }
  });
});

describe('SwitchboardIoAdapter', () => {
  it('answers browsers from the configured origin with CORS headers', async () => {
    const gateway = await startGateway({ corsOrigin: ['https://app.example'] });
    try {
      const response = await fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin: 'https://app.example' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const other = await fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.close();
    }
  });

  /** The Engine.IO open packet a polling handshake answers with ("0{...}"). */
  async function openPacket(url: string): Promise<{ pingInterval: number; pingTimeout: number }> {
    const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    const body = await response.text();
    expect(body.startsWith('0')).toBe(true);
    return JSON.parse(body.slice(1)) as { pingInterval: number; pingTimeout: number };
  }

  it('announces the default heartbeat (socket.io: 25 s, 20 s) when none is configured', async () => {
    const gateway = await startGateway();
    try {
      expect(await openPacket(gateway.url)).toMatchObject({
        pingInterval: 25_000,
        pingTimeout: 20_000,
      });
    } finally {
      await gateway.close();
    }
  });

  it('announces the configured heartbeat and drops a client that stops answering pings', async () => {
    const gateway = await startGateway({}, { io: { pingIntervalMs: 300, pingTimeoutMs: 200 } });
    try {
      expect(await openPacket(gateway.url)).toMatchObject({ pingInterval: 300, pingTimeout: 200 });
      // A raw polling session that never answers the server's ping: after interval + timeout
      // the server closes it, and a poll on the dropped session is refused
      const open = await fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`);
      const { sid } = JSON.parse((await open.text()).slice(1)) as { sid: string };
      // (A poll before that gets the unanswered ping "2".)
      const poll = async () => {
        const response = await fetch(
          `${gateway.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`,
        );
        return `${response.status} ${await response.text()}`;
      };
      await expect.poll(poll, { timeout: 5_000 }).toMatch(/^400 .*Session ID unknown/);
    } finally {
      await gateway.close();
    }
  });
});
