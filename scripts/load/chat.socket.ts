import { io, type Socket } from 'socket.io-client';

/** What the load drivers read of a `message.new` push. */
export interface PushedMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly senderId: string;
  readonly clientMsgId: string;
  readonly createdAt: string;
}

/**
 * One user's socket.io connection as a chat client of the drivers (load tool, benchmarks):
 * WebSocket only, no automatic reconnection, every `message.new` acked, and pushes from the
 * peer (not the user's own echo) handed to `onPeer`. Resolves once connected.
 */
export function openChatSocket(
  url: string,
  userId: string,
  auth: { readonly token: string; readonly deviceId: string },
  onPeer: (message: PushedMessage) => void,
): Promise<Socket> {
  const socket = io(url, {
    auth: { token: auth.token, device: 'web', deviceId: auth.deviceId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  socket.on('message.new', (message: PushedMessage, ack?: () => void) => {
    ack?.();
    if (message.senderId !== userId) onPeer(message);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
