import {
  type ConnectionChannel,
  type ConnectionRecord,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { type Socket } from 'socket.io';
import { type GatewayOptions } from '../gateway.options';
import { identityOf } from './handshake.middleware';

/** The channel a socket uses right now (`polling` until an upgrade to WebSocket). */
export function channelOf(socket: Socket): ConnectionChannel {
  return socket.conn.transport.name === 'websocket' ? 'websocket' : 'polling';
}

/**
 * The client's address. Only behind a trusted proxy is `X-Forwarded-For` believed (its first
 * hop is the client); otherwise anyone could claim any address.
 */
export function clientIpOf(socket: Socket, trustProxy: boolean): string {
  if (trustProxy) {
    const header = socket.handshake.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header[0] : header;
    const first = value?.split(',')[0]?.trim();
    if (first !== undefined && first.length > 0) return first;
  }
  return socket.handshake.address;
}

/** The registry row for a socket as it is now. */
export function connectionRecordOf(
  socket: Socket,
  options: GatewayOptions,
  connectedAt: string,
): ConnectionRecord {
  const { user, device, deviceId } = identityOf(socket);
  return {
    uid: user.userId,
    role: user.role,
    deviceId,
    device,
    wsid: socket.id,
    clientIp: clientIpOf(socket, options.trustProxy),
    serverIp: options.serverIp ?? socket.request.socket.localAddress ?? '',
    gatewayId: options.gatewayId,
    channel: channelOf(socket),
    connectedAt,
  };
}
