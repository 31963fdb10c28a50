import { type DeviceKind, MemoryCursorStore, SwitchboardClient } from '@switchboard/client';
import { randomUUID } from 'node:crypto';
import { FailoverTransport } from './failover.transport';

/** One `on('message')` a device saw, with the test process's clock. */
export interface Receipt {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly at: number;
}

/** One SDK client (one device of one user) with everything it received. */
export interface Device {
  readonly label: string;
  readonly userId: string;
  readonly client: SwitchboardClient;
  readonly transport: FailoverTransport;
  readonly received: Receipt[];
  readonly connectedAt: number;
  /** `message.new` deliveries before dedup are not visible here: the SDK's view is the point. */
  readonly errors: string[];
}

export interface FleetDeps {
  readonly token: (userId: string, role: string) => Promise<string>;
  /** Every gateway URL the clients know (the dead ones included: they are found dead). */
  readonly gatewayUrls: () => readonly string[];
  /** `GET /v1/gateways/allocate` at a gateway; throws when it does not answer. */
  readonly allocateAt: (gatewayUrl: string, bearer: string) => Promise<string>;
}

/**
 * The test's SDK clients. Each device connects to a chosen gateway; when that gateway dies,
 * the device asks a live one where to go (allocation) and reconnects there, then the SDK
 * resyncs from its cursors.
 */
export class Fleet {
  readonly devices: Device[] = [];

  constructor(private readonly deps: FleetDeps) {}

  async connect(
    gatewayUrl: string,
    userId: string,
    role: string,
    device: DeviceKind = 'web',
  ): Promise<Device> {
    const token = await this.deps.token(userId, role);
    const deviceId = randomUUID();
    const transport = new FailoverTransport({
      token,
      device,
      deviceId,
      first: gatewayUrl,
      next: (failed) => this.elsewhere(failed, token),
    });
    const client = new SwitchboardClient({
      url: gatewayUrl,
      token,
      device,
      deviceId,
      transport,
      cursorStore: new MemoryCursorStore(),
      // The gateway serves sockets only; conversation lists are im's.
      discoverConversations: false,
      // Finds a lost push of a conversation's last message before the final check.
      resyncIntervalMs: 5_000,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
    });
    const received: Receipt[] = [];
    const errors: string[] = [];
    client.on('message', (m) =>
      received.push({ id: m.id, conversationId: m.conversationId, seq: m.seq, at: Date.now() }),
    );
    client.on('error', (error) => errors.push(error.message));
    const entry: Device = {
      label: `${userId}/${device}`,
      userId,
      client,
      transport,
      received,
      connectedAt: Date.now(),
      errors,
    };
    this.devices.push(entry);
    await client.connect();
    return entry;
  }

  closeAll(): void {
    for (const device of this.devices) device.client.close();
  }

  /** The allocated gateway, asked of any other gateway that answers; that one if the answer is the dead one. */
  private async elsewhere(failed: string, bearer: string): Promise<string> {
    for (let round = 0; ; round++) {
      const others = this.deps.gatewayUrls().filter((url) => url !== failed);
      for (const url of rotate(others, round)) {
        try {
          const allocated = await this.deps.allocateAt(url, bearer);
          return allocated === failed ? url : allocated;
        } catch {
          // that one is down too: try the next
        }
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
