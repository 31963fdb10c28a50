import type { SwitchboardError } from './switchboard.error';
import type { MessageView, SyncCursor } from './client.types';

/** Client → server requests, named as the socket events (v1) that carry them. */
export type RequestEvent =
  | 'message.send'
  | 'conversation.sync'
  | 'conversation.read'
  | 'typing'
  | 'consultation.open'
  | 'consultation.rate';

/** Server → client pushes other than messages. */
export type PushEvent = 'consultation.updated' | 'presence' | 'read' | 'typing';

/** What a transport reports to the client. */
export interface TransportHandlers {
  /** Connected (first time or again): the client resyncs from its cursors. */
  connected(): void;
  disconnected(reason: string): void;
  /** The server refused the credentials: no automatic retry. */
  failed(error: SwitchboardError): void;
  /** A `message.new` push; the transport acks it after this returns, whatever happened. */
  message(message: MessageView): void;
  /** Messages from a long-poll: authoritative, like a sync answer. */
  polled(messages: readonly MessageView[]): void;
  push(event: PushEvent, payload: unknown): void;
  /** The client's current cursors, for a transport that polls. */
  cursors(): SyncCursor[];
}

/**
 * A way to talk to Switchboard. The client keeps every guarantee (retries with the same
 * clientMsgId, dedup, ordering, resync); a transport only moves requests and pushes.
 */
export interface Transport {
  readonly kind: 'socket' | 'long-poll';
  open(handlers: TransportHandlers): void;
  isConnected(): boolean;
  /**
   * One attempt. Resolves with the success payload (the ack minus `ok`); rejects with a
   * SwitchboardError: the server's code, or TIMEOUT / DISCONNECTED / NETWORK_ERROR.
   */
  request(
    event: RequestEvent,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown>;
  close(): void;
}
