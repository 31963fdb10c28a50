import { Registry } from 'prom-client';
import { type Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { resolveGatewayOptions } from '../gateway.options';
import { createGatewayMetrics } from '../metrics/gateway.metrics';
import { AckedEmitter } from './acked-emitter';

type AckCallback = (error: Error | null) => void;

/** A socket whose acks the test answers by hand, recording each attempt's timeout. */
function fakeSocket() {
  const attempts: { timeout: number; event: string; payload: unknown; ack: AckCallback }[] = [];
  let timeout = 0;
  const socket = {
    id: 'ws-1',
    connected: true,
    timeout(ms: number) {
      timeout = ms;
      return socket;
    },
    emit(event: string, payload: unknown, ack: AckCallback) {
      attempts.push({ timeout, event, payload, ack });
      return true;
    },
  };
  return { socket, attempts, asSocket: socket as unknown as Socket };
}

function emitter(ackTimeoutMs: number, ackMaxBackoffMs: number): AckedEmitter {
  const options = resolveGatewayOptions({ gatewayId: 'gw', ackTimeoutMs, ackMaxBackoffMs });
  return new AckedEmitter(
    options,
    createGatewayMetrics(new Registry(), () => ({})),
  );
}

describe('AckedEmitter', () => {
  it('doubles the wait on each timeout up to the cap, and stops at the ack', () => {
    const acked = emitter(1000, 5000);
    const { attempts, asSocket } = fakeSocket();
    acked.send(asSocket, 'message.new', { id: 'm-1' });
    for (let i = 0; i < 4; i++) attempts.at(-1)!.ack(new Error('timeout'));
    expect(attempts.map((attempt) => attempt.timeout)).toEqual([1000, 2000, 4000, 5000, 5000]);
    attempts.at(-1)!.ack(null);
    expect(acked.pendingCount('ws-1')).toBe(0);
    expect(attempts).toHaveLength(5);
  });

  it('runs one retry loop per message id, however often it is delivered', () => {
    const acked = emitter(1000, 5000);
    const { attempts, asSocket } = fakeSocket();
    acked.send(asSocket, 'message.new', { id: 'm-1' });
    acked.send(asSocket, 'message.new', { id: 'm-1' });
    acked.send(asSocket, 'message.new', { id: 'm-2' });
    expect(attempts.map((attempt) => attempt.payload)).toEqual([{ id: 'm-1' }, { id: 'm-2' }]);
    expect(acked.pendingCount('ws-1')).toBe(2);
  });

  it('does not retry once the socket is forgotten or disconnected', () => {
    const acked = emitter(1000, 5000);
    const { socket, attempts, asSocket } = fakeSocket();
    acked.send(asSocket, 'message.new', { id: 'm-1' });
    acked.send(asSocket, 'message.new', { id: 'm-2' });
    acked.forget('ws-1');
    attempts[0].ack(new Error('timeout'));
    expect(attempts).toHaveLength(2);

    acked.send(asSocket, 'message.new', { id: 'm-3' });
    socket.connected = false;
    attempts.at(-1)!.ack(new Error('timeout'));
    expect(attempts).toHaveLength(3);
    expect(acked.pendingCount('ws-1')).toBe(0);
  });
});
