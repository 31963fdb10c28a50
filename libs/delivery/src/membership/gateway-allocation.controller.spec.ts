import { type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { HttpErrorFilter } from '@switchboard/platform';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GATEWAY_ALLOCATION_OPTIONS,
  GatewayAllocationController,
  type GatewayAllocationOptions,
} from './gateway-allocation.controller';
import type { AllocationStrategy } from './gateway-allocation';
import { InMemoryMembership } from './in-memory.membership';
import { MEMBERSHIP } from './membership.port';

describe('GET /v1/gateways/allocate', () => {
  let app: INestApplication | undefined;
  let membership: InMemoryMembership;

  async function start(strategy: AllocationStrategy): Promise<INestApplication> {
    membership = new InMemoryMembership();
    const moduleRef = await Test.createTestingModule({
      controllers: [GatewayAllocationController],
      providers: [
        { provide: MEMBERSHIP, useValue: membership },
        {
          provide: GATEWAY_ALLOCATION_OPTIONS,
          useValue: { strategy } satisfies GatewayAllocationOptions,
        },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 503 NO_GATEWAY while no gateway is live', async () => {
    const server = (await start('round-robin')).getHttpServer();
    const response = await request(server).get('/v1/gateways/allocate').expect(503);
    expect(response.body).toMatchObject({ code: 'NO_GATEWAY' });
  });

  it('round-robin hands out each live gateway in turn', async () => {
    const server = (await start('round-robin')).getHttpServer();
    await membership.announce({ gatewayId: 'gw-2', url: 'wss://two', connections: 0 }, 60_000);
    await membership.announce({ gatewayId: 'gw-1', url: 'wss://one', connections: 0 }, 60_000);
    const picks: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      picks.push((await request(server).get('/v1/gateways/allocate').expect(200)).body);
    }
    expect(picks).toEqual([
      { gatewayId: 'gw-1', url: 'wss://one' },
      { gatewayId: 'gw-2', url: 'wss://two' },
      { gatewayId: 'gw-1', url: 'wss://one' },
    ]);
  });

  it('least-connections sends the caller to the least loaded gateway', async () => {
    const server = (await start('least-connections')).getHttpServer();
    await membership.announce({ gatewayId: 'gw-1', url: 'wss://one', connections: 90 }, 60_000);
    await membership.announce({ gatewayId: 'gw-2', url: 'wss://two', connections: 10 }, 60_000);
    const response = await request(server).get('/v1/gateways/allocate').expect(200);
    expect(response.body).toEqual({ gatewayId: 'gw-2', url: 'wss://two' });
  });

  it('ip-hash keeps one caller on one gateway; a withdrawn gateway is never handed out', async () => {
    const server = (await start('ip-hash')).getHttpServer();
    for (const id of ['gw-1', 'gw-2', 'gw-3']) {
      await membership.announce({ gatewayId: id, url: `wss://${id}`, connections: 0 }, 60_000);
    }
    const first = (await request(server).get('/v1/gateways/allocate').expect(200)).body as {
      gatewayId: string;
    };
    const again = await request(server).get('/v1/gateways/allocate').expect(200);
    expect(again.body).toEqual(first);
    await membership.withdraw(first.gatewayId);
    const moved = await request(server).get('/v1/gateways/allocate').expect(200);
    expect((moved.body as { gatewayId: string }).gatewayId).not.toBe(first.gatewayId);
  });
});
