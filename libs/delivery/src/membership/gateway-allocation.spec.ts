import { describe, expect, it } from 'vitest';
import {
  allocateGateway,
  type AllocationRequest,
  isAllocationStrategy,
} from './gateway-allocation';
import type { GatewayInfo } from './membership.port';

const gw = (id: string, connections = 0): GatewayInfo => ({
  gatewayId: id,
  url: `wss://${id}.example.test`,
  connections,
});
const three = [gw('gw-c', 5), gw('gw-a', 9), gw('gw-b', 2)];
const request = (overrides: Partial<AllocationRequest>): AllocationRequest => ({
  strategy: 'ip-hash',
  clientIp: '203.0.113.7',
  counter: 0,
  ...overrides,
});
const ip = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

describe('allocateGateway', () => {
  it('returns undefined when no gateway is live, whatever the strategy', () => {
    for (const strategy of ['ip-hash', 'round-robin', 'least-connections'] as const) {
      expect(allocateGateway([], request({ strategy }))).toBeUndefined();
    }
  });

  describe('ip-hash', () => {
    it('gives the same IP the same gateway across calls, counters and list orders', () => {
      const first = allocateGateway(three, request({ clientIp: '198.51.100.20' }));
      for (let counter = 0; counter < 10; counter += 1) {
        const shuffled = counter % 2 === 0 ? three : [...three].reverse();
        expect(allocateGateway(shuffled, request({ clientIp: '198.51.100.20', counter }))).toEqual(
          first,
        );
      }
    });

    it('spreads many IPs over every gateway', () => {
      const counts = new Map<string, number>();
      for (let n = 0; n < 3_000; n += 1) {
        const picked = allocateGateway(three, request({ clientIp: ip(n) }))!;
        counts.set(picked.gatewayId, (counts.get(picked.gatewayId) ?? 0) + 1);
      }
      expect([...counts.keys()].sort()).toEqual(['gw-a', 'gw-b', 'gw-c']);
      for (const count of counts.values()) expect(count).toBeGreaterThan(800);
    });

    it('moves only the clients of a gateway that leaves', () => {
      const before = new Map<string, string>();
      for (let n = 0; n < 600; n += 1) {
        before.set(ip(n), allocateGateway(three, request({ clientIp: ip(n) }))!.gatewayId);
      }
      const withoutB = three.filter((gateway) => gateway.gatewayId !== 'gw-b');
      for (const [clientIp, gatewayId] of before) {
        const after = allocateGateway(withoutB, request({ clientIp }))!.gatewayId;
        if (gatewayId !== 'gw-b') expect(after).toBe(gatewayId);
      }
    });
  });

  it('round-robin cycles through the gateways in id order', () => {
    const picks = [0, 1, 2, 3, 4, 5].map(
      (counter) => allocateGateway(three, request({ strategy: 'round-robin', counter }))!.gatewayId,
    );
    expect(picks).toEqual(['gw-a', 'gw-b', 'gw-c', 'gw-a', 'gw-b', 'gw-c']);
  });

  it('least-connections picks the minimum and rotates among ties', () => {
    expect(allocateGateway(three, request({ strategy: 'least-connections' }))!.gatewayId).toBe(
      'gw-b',
    );
    const tied = [gw('gw-x', 4), gw('gw-y', 1), gw('gw-z', 1)];
    const picks = [0, 1, 2].map(
      (counter) =>
        allocateGateway(tied, request({ strategy: 'least-connections', counter }))!.gatewayId,
    );
    expect(picks).toEqual(['gw-y', 'gw-z', 'gw-y']);
  });

  it('tolerates odd counters', () => {
    for (const counter of [-1, 2.7, Number.NaN, Number.MAX_SAFE_INTEGER]) {
      expect(allocateGateway(three, request({ strategy: 'round-robin', counter }))).toBeDefined();
    }
  });

  it('recognises the configured strategy names only', () => {
    expect(isAllocationStrategy('least-connections')).toBe(true);
    expect(isAllocationStrategy('random')).toBe(false);
    expect(isAllocationStrategy(undefined)).toBe(false);
  });
});
