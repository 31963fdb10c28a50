import type {
  ConnectionRecord,
  ConnectionRegistry,
} from '../connection-registry/connection-registry.port';
import type { GatewayLink, ServerEvent } from '../gateway-link/gateway-link.port';
import {
  audienceKind,
  DEFAULT_DELIVERY_SETTINGS,
  type DeliverySettings,
  mayDeliver,
  mayPush,
  type RuleSubject,
} from '../rules/delivery.rules';
import type { AudienceMember, FanOut, FanOutOptions } from './fan-out.port';

/** An audience member as the dispatcher sees one. */
export interface AudienceTarget extends AudienceMember {
  /** This user's device that must not get the event (the one that read, for `read`). */
  readonly exceptDeviceId?: string;
  /** False for someone who must never be pushed (the sender of the message). Default true. */
  readonly pushable?: boolean;
}

export interface RouteOptions extends FanOutOptions {
  /** The gateway retries until the client acks (`message.new`). */
  readonly ack: boolean;
  readonly internal?: boolean;
  readonly system?: boolean;
}

export interface RouteResult {
  /** Sockets the event was handed to, over all gateways. */
  readonly sockets: number;
  readonly gateways: number;
  /** Offline members the rules say to push. */
  readonly pushTo: readonly AudienceTarget[];
}

/**
 * Targeted delivery: ONE registry lookup for the whole audience, the rules table per
 * connection, then ONE `GatewayLink.deliver` per gateway holding a recipient's socket. The
 * dispatcher (durable events) and the gateway (typing, presence via {@link FanOut}) share it,
 * so both obey the same table.
 */
export class DeliveryService implements FanOut {
  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly link: GatewayLink,
    private readonly settings: DeliverySettings = DEFAULT_DELIVERY_SETTINGS,
  ) {}

  async fanOut(
    audience: readonly AudienceMember[],
    event: ServerEvent,
    payload: unknown,
    options: FanOutOptions = {},
  ): Promise<void> {
    // Ephemeral events are never pushed, and the rules say so too: pushTo stays unused.
    await this.route(audience, event, payload, { ...options, ack: false });
  }

  async route(
    audience: readonly AudienceTarget[],
    event: ServerEvent,
    payload: unknown,
    options: RouteOptions,
  ): Promise<RouteResult> {
    const members = unique(audience);
    if (members.length === 0) return { sockets: 0, gateways: 0, pushTo: [] };
    const live = await this.registry.lookup(members.map((member) => member.userId));
    const byGateway = new Map<string, string[]>();
    const pushTo: AudienceTarget[] = [];
    for (const member of members) {
      const connections = live.get(member.userId) ?? [];
      if (connections.length === 0) {
        const subject = this.subject(member.role, 'offline', event, options);
        if (member.pushable !== false && mayPush(subject, this.settings)) pushTo.push(member);
        continue;
      }
      for (const connection of connections) {
        if (!this.wants(member, connection, event, options)) continue;
        const wsids = byGateway.get(connection.gatewayId) ?? [];
        wsids.push(connection.wsid);
        byGateway.set(connection.gatewayId, wsids);
      }
    }
    let sockets = 0;
    await Promise.all(
      [...byGateway].map(([gatewayId, wsids]) => {
        sockets += wsids.length;
        return this.link.deliver(gatewayId, [{ wsids, event, payload, ack: options.ack }]);
      }),
    );
    return { sockets, gateways: byGateway.size, pushTo };
  }

  private wants(
    member: AudienceTarget,
    connection: ConnectionRecord,
    event: ServerEvent,
    options: RouteOptions,
  ): boolean {
    if (connection.wsid === options.exceptWsid) return false;
    if (member.exceptDeviceId !== undefined && connection.deviceId === member.exceptDeviceId) {
      return false;
    }
    // Whichever of the event's role and the socket's role is more restricted wins: a
    // customer's token never gets staff-only events, even if the event named them staff.
    const role = connection.role === 'customer' ? 'customer' : member.role;
    return mayDeliver(this.subject(role, connection.device, event, options), this.settings);
  }

  private subject(
    role: string,
    target: RuleSubject['target'],
    event: ServerEvent,
    options: RouteOptions,
  ): RuleSubject {
    return {
      event,
      audience: audienceKind(role),
      target,
      internal: options.internal ?? false,
      system: options.system ?? false,
      domain: options.domain ?? null,
    };
  }
}

/** First entry per userId wins: planners put the most specific entry first. */
function unique(audience: readonly AudienceTarget[]): AudienceTarget[] {
  const seen = new Map<string, AudienceTarget>();
  for (const member of audience) if (!seen.has(member.userId)) seen.set(member.userId, member);
  return [...seen.values()];
}
