import { createHash } from 'node:crypto';
import type { GatewayInfo } from './membership.port';

export const ALLOCATION_STRATEGIES = ['ip-hash', 'round-robin', 'least-connections'] as const;
/** How `GET /v1/gateways/allocate` picks a gateway (env `GATEWAY_ALLOCATION`). */
export type AllocationStrategy = (typeof ALLOCATION_STRATEGIES)[number];

export interface AllocationRequest {
  readonly strategy: AllocationStrategy;
  /** The caller's IP (ip-hash keys on it). */
  readonly clientIp: string;
  /** A number that grows by one per request (round-robin, and ties of least-connections). */
  readonly counter: number;
}

/**
 * Picks one live gateway, or `undefined` when none is live. Pure: the same inputs give the
 * same gateway in every process, so allocators need no coordination.
 *
 * ip-hash is rendezvous hashing (highest score of hash(ip, gatewayId)) rather than
 * `hash(ip) % n`: when a gateway joins or leaves, only the clients of that gateway move.
 */
export function allocateGateway(
  live: readonly GatewayInfo[],
  request: AllocationRequest,
): GatewayInfo | undefined {
  if (live.length === 0) return undefined;
  const sorted = [...live].sort((a, b) => compare(a.gatewayId, b.gatewayId));
  switch (request.strategy) {
    case 'ip-hash':
      return highestScore(sorted, request.clientIp);
    case 'round-robin':
      return sorted[slot(request.counter, sorted.length)];
    case 'least-connections': {
      const fewest = Math.min(...sorted.map((gateway) => gateway.connections));
      const tied = sorted.filter((gateway) => gateway.connections === fewest);
      // Ties rotate: a burst of connects between two announcements must not all land on
      // the one gateway whose count looked lowest.
      return tied[slot(request.counter, tied.length)];
    }
    default: {
      const unknown: never = request.strategy;
      throw new RangeError(`Unknown allocation strategy: ${String(unknown)}`);
    }
  }
}

export function isAllocationStrategy(value: unknown): value is AllocationStrategy {
  return typeof value === 'string' && (ALLOCATION_STRATEGIES as readonly string[]).includes(value);
}

function highestScore(gateways: readonly GatewayInfo[], clientIp: string): GatewayInfo {
  let best = gateways[0];
  let bestScore = -1n;
  for (const gateway of gateways) {
    const score = createHash('sha256')
      .update(`${clientIp}\u0000${gateway.gatewayId}`)
      .digest()
      .readBigUInt64BE(0);
    if (score > bestScore) {
      best = gateway;
      bestScore = score;
    }
  }
  return best;
}

function slot(counter: number, size: number): number {
  const whole = Number.isFinite(counter) ? Math.trunc(Math.abs(counter)) : 0;
  return whole % size;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
