import { LongPollTransport } from './long-poll.transport';
import type { RestClient } from './rest.client';
import { SocketTransport } from './socket.transport';
import type { SwitchboardClientOptions } from './switchboard-client.options';
import type { Transport } from './transport.port';

export interface TransportDeps {
  readonly rest: RestClient;
  readonly deviceId: string;
  readonly discover: () => Promise<void>;
  readonly prune: () => Promise<void>;
}

/** The transport the options ask for (socket.io by default). */
export function createTransport(options: SwitchboardClientOptions, deps: TransportDeps): Transport {
  const choice = options.transport ?? 'socket';
  if (typeof choice === 'object') return choice;
  if (choice === 'long-poll') {
    return new LongPollTransport({
      ...deps,
      waitSeconds: options.longPoll?.waitSeconds,
      discoverIntervalMs: options.longPoll?.discoverIntervalMs,
      limit: options.syncLimit,
      retry: options.retry,
    });
  }
  return new SocketTransport({
    url: options.url,
    token: options.token,
    device: options.device ?? 'web',
    deviceId: deps.deviceId,
    transports: options.socketTransports,
  });
}
