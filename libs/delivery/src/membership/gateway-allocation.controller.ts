import { Controller, Get, Inject, Ip, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ErrorResponse, Roles } from '@switchboard/platform';
import { allocateGateway, type AllocationStrategy } from './gateway-allocation';
import { MEMBERSHIP, type Membership } from './membership.port';

/** Options of `GET /v1/gateways/allocate` (env `GATEWAY_ALLOCATION`, default `least-connections`). */
export interface GatewayAllocationOptions {
  readonly strategy: AllocationStrategy;
}

export const GATEWAY_ALLOCATION_OPTIONS = Symbol('GatewayAllocationOptions');

/** The gateway a client should open its socket.io connection to. */
export class GatewayAllocationView {
  @ApiProperty({ example: 'gw-host-3-4211' })
  readonly gatewayId!: string;

  @ApiProperty({ example: 'wss://gw-3.example.com' })
  readonly url!: string;
}

/**
 * `GET /v1/gateways/allocate`: picks one live gateway (Membership) by the configured strategy.
 * Authenticated like every REST route; any role may ask. 503 `NO_GATEWAY` when none is live,
 * so clients back off and retry instead of connecting nowhere.
 */
@ApiTags('gateways')
@Controller('v1/gateways')
export class GatewayAllocationController {
  /** Round-robin position of this process; allocators need no shared counter. */
  private counter = 0;

  constructor(
    @Inject(MEMBERSHIP) private readonly membership: Membership,
    @Inject(GATEWAY_ALLOCATION_OPTIONS) private readonly options: GatewayAllocationOptions,
  ) {}

  @Get('allocate')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Pick a live gateway to connect the socket to',
    description:
      'IP-hash (the same client IP keeps its gateway), round-robin or least-connections, ' +
      'set by GATEWAY_ALLOCATION. 503 NO_GATEWAY when no gateway is live.',
  })
  @ApiOkResponse({ type: GatewayAllocationView })
  @ApiServiceUnavailableResponse({ description: 'NO_GATEWAY', type: ErrorResponse })
  @ApiErrors(403)
  async allocate(@Ip() clientIp: string): Promise<GatewayAllocationView> {
    const counter = this.counter;
    this.counter = (this.counter + 1) % Number.MAX_SAFE_INTEGER;
    const picked = allocateGateway(await this.membership.live(), {
      strategy: this.options.strategy,
      clientIp: clientIp ?? '',
      counter,
    });
    if (picked === undefined) {
      throw new ServiceUnavailableException({
        code: 'NO_GATEWAY',
        message: 'No gateway is live; retry shortly',
      });
    }
    return { gatewayId: picked.gatewayId, url: picked.url };
  }
}
