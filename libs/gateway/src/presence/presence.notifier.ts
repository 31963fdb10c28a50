import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type ListConsultationsQueryDto } from '@switchboard/consultation/application/list-consultations/list-consultations.dto';
import { ListConsultationsQuery } from '@switchboard/consultation/application/list-consultations/list-consultations.query';
import { FAN_OUT, type FanOut } from '@switchboard/delivery/fan-out/fan-out.port';
import { type AuthUser } from '@switchboard/platform';

/**
 * The gateway reads other contexts as a supervisor would: it needs every consultation of one
 * customer, whoever holds them. It never writes with this identity.
 */
export const GATEWAY_SYSTEM_ACTOR: AuthUser = Object.freeze({
  userId: 'system:gateway',
  role: 'supervisor',
});

/** Open consultations per customer never come near this; a page of 200 is one query. */
const PAGE_LIMIT = 200;
const HELD_STATES = new Set(['assigned', 'resolved']);

/**
 * `presence {userId, online}` to the agents holding a customer's open consultations, and to
 * nobody else: when the customer's first socket on this gateway connects and when the last one
 * goes. (Counted per gateway; cross-gateway counting comes with the Redis registry.)
 */
@Injectable()
export class PresenceNotifier {
  private readonly logger = new Logger('PresenceNotifier');

  constructor(
    private readonly queries: QueryBus,
    @Inject(FAN_OUT) private readonly fanOut: FanOut,
  ) {}

  /** Never throws: presence is a courtesy, a failure is logged and the socket goes on. */
  async changed(user: AuthUser, online: boolean): Promise<void> {
    if (user.role !== 'customer') return;
    try {
      const agents = await this.agentsOf(user.userId);
      if (agents.length === 0) return;
      await this.fanOut.fanOut(
        agents.map((userId) => ({ userId, role: 'agent' })),
        'presence',
        { userId: user.userId, online },
      );
    } catch (error) {
      this.logger.warn(`Presence of ${user.userId} not sent: ${String(error)}`);
    }
  }

  private async agentsOf(customerId: string): Promise<string[]> {
    const filter: ListConsultationsQueryDto = { customerId, limit: PAGE_LIMIT };
    const page = await this.queries.execute(
      new ListConsultationsQuery(GATEWAY_SYSTEM_ACTOR, filter),
    );
    const agents = new Set<string>();
    for (const item of page.items) {
      // Filtered here too: the handler's customer filter is trusted, the state is not its job.
      if (item.customerId !== customerId || !HELD_STATES.has(item.state)) continue;
      if (item.agentId !== null) agents.add(item.agentId);
    }
    return [...agents];
  }
}
