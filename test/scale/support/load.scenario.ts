import type { Device, Fleet } from './load.fleet';
import type { splitApi } from './split.api';

/** A conversation of the load test and the devices that send to it, in turn. */
export interface LoadConversation {
  readonly id: string;
  readonly senders: readonly Device[];
}

export interface ScenarioShape {
  readonly agents: number;
  /** Agents' capacity: agents × capacity must cover the consultations. */
  readonly capacity: number;
  readonly consultations: number;
  readonly groups: number;
  readonly groupSize: number;
}

/** The conversations, and for each device the conversations it follows (what it must receive). */
export interface Scenario {
  readonly consultations: readonly LoadConversation[];
  readonly groups: readonly LoadConversation[];
  readonly follows: Map<Device, string[]>;
  follow(device: Device, conversationId: string): Promise<void>;
  /** The user ids of group `g`, owner first. */
  groupMembers(g: number): string[];
}

/**
 * Consultations opened by customers over their sockets (routing assigns the agents, who
 * accept over REST and then follow them), and group conversations whose members all sit on
 * one gateway, so a message that reaches any other gateway shows up as a stray delivery.
 * Device `i` of a kind goes to `gatewayUrl(i)`.
 */
export async function setUpScenario(
  api: ReturnType<typeof splitApi>,
  clients: Fleet,
  gatewayUrl: (i: number) => string,
  run: string,
  shape: ScenarioShape,
): Promise<Scenario> {
  const follows = new Map<Device, string[]>();
  const follow = async (device: Device, conversationId: string) => {
    await device.client.follow(conversationId);
    follows.set(device, [...(follows.get(device) ?? []), conversationId]);
  };
  const routingGroup = `load-${run}`;
  const agentIds = Array.from({ length: shape.agents }, (_, a) => `agent-${run}-${a}`);
  for (const agentId of agentIds) {
    await api.registerOnlineAgent(agentId, routingGroup, shape.capacity);
  }
  const agents = new Map<string, Device>();
  await Promise.all(
    agentIds.map(async (agentId, a) =>
      agents.set(agentId, await clients.connect(gatewayUrl(a), agentId, 'agent')),
    ),
  );
  const consultations = await Promise.all(
    Array.from({ length: shape.consultations }, async (_, i) => {
      const customer = await clients.connect(gatewayUrl(i + 1), `customer-${run}-${i}`, 'customer');
      const consultation = await customer.client.openConsultation({
        domain: 'travel',
        group: routingGroup,
      });
      follows.set(customer, [consultation.conversationId]);
      const agentId = await api.assignedAgent(consultation.id);
      await api.accept(consultation.id, agentId);
      await api.untilMember(consultation.conversationId, agentId);
      await follow(agents.get(agentId)!, consultation.conversationId);
      return { id: consultation.conversationId, senders: [customer, agents.get(agentId)!] };
    }),
  );
  const groupMembers = (g: number) =>
    Array.from({ length: shape.groupSize }, (_, k) => `member-${run}-${g}-${k}`);
  const groups = await Promise.all(
    Array.from({ length: shape.groups }, async (_, g) => {
      const [owner, ...others] = groupMembers(g);
      const id = await api.createGroup(owner!, others);
      const devices = await Promise.all(
        groupMembers(g).map((userId) => clients.connect(gatewayUrl(g), userId, 'customer')),
      );
      await Promise.all(devices.map((device) => follow(device, id)));
      return { id, senders: devices };
    }),
  );
  return { consultations, groups, follows, follow, groupMembers };
}
