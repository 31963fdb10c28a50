import type { CursorStore } from './cursor.store';
import type { FetchLike } from './rest.client';
import type { RetryOptions } from './retry.policy';
import type { DeviceKind, TokenSource } from './client.types';
import type { Transport } from './transport.port';

export interface SwitchboardClientOptions {
  /** Server origin, e.g. `http://localhost:3000` (socket.io and REST). */
  readonly url: string;
  readonly token: TokenSource;
  /** `socket` (default), `long-poll` (REST only), or a Transport of your own. */
  readonly transport?: 'socket' | 'long-poll' | Transport;
  /** socket.io engine transports, e.g. `['polling']`. */
  readonly socketTransports?: readonly ('websocket' | 'polling')[];
  readonly device?: DeviceKind;
  /** Stable per installation (read cursors are per device). Default: a random UUID. */
  readonly deviceId?: string;
  /** Default: in memory. Pass a shared or `LocalStorageCursorStore` to resume after a reload. */
  readonly cursorStore?: CursorStore;
  /** One attempt's timeout. Default 10 s. */
  readonly requestTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Messages per sync page. Default 100. */
  readonly syncLimit?: number;
  /** Long-poll: park time (default 25 s) and conversation discovery period (default 30 s). */
  readonly longPoll?: { readonly waitSeconds?: number; readonly discoverIntervalMs?: number };
  /**
   * Socket only: how often to sync from the cursors while connected, so that a lost push of a
   * conversation's LAST message (no later seq reveals the gap) is found. Default 60 s; 0 = off.
   */
  readonly resyncIntervalMs?: number;
  /** `GET /v1/conversations` on connect to track conversations new to this client. Default true. */
  readonly discoverConversations?: boolean;
  readonly fetch?: FetchLike;
}
