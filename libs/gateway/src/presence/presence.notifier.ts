import { Inject, Injectable, Logger } from '@nestjs/common';
import { FAN_OUT, type FanOut } from '@switchboard/delivery/fan-out/fan-out.port';
import { type AuthUser } from '@switchboard/platform';
import { edgeCallerOf } from '../edge/edge-caller';
import { type EdgeCaller, EDGE_SERVICES, type EdgeServices } from '../edge/edge-services.port';

/**
 * The identity a one-process gateway reads other contexts with where no user asks (the queue
 * position notifier's customer lookup). It never writes with it, and a split gateway has none:
 * it only ever calls the services with its users' own tokens.
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
 * goes. (Counted per gateway; cross-gateway counting comes with the Redis registry.) The
 * consultations are listed AS the customer (their own token over HTTP): a customer sees exactly
 * their own consultations, which is the list needed.
 */
@Injectable()
export class PresenceNotifier {
  private readonly logger = new Logger('PresenceNotifier');

  constructor(
    @Inject(EDGE_SERVICES) private readonly edge: EdgeServices,
    @Inject(FAN_OUT) private readonly fanOut: FanOut,
  ) {}

  /** Never throws: presence is a courtesy, a failure is logged and the socket goes on. */
  async changed(session: { user: AuthUser; token?: string }, online: boolean): Promise<void> {
    const { user } = session;
    if (user.role !== 'customer') return;
    try {
      const agents = await this.agentsOf(edgeCallerOf(session));
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

  private async agentsOf(caller: EdgeCaller): Promise<string[]> {
    const customerId = caller.user.userId;
    const page = await this.edge.listConsultations(caller, { customerId, limit: PAGE_LIMIT });
    const agents = new Set<string>();
    for (const item of page.items) {
      // Filtered here too: the handler's customer filter is trusted, the state is not its job.
      if (item.customerId !== customerId || !HELD_STATES.has(item.state)) continue;
      if (item.agentId !== null) agents.add(item.agentId);
    }
    return [...agents];
  }
}
