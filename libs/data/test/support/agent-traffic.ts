import { TOPICS } from '@switchboard/contracts';
import type { SeededRandom } from './seeded-random';
import type { RawEvent } from './topic-messages';

const MIN = 60_000;

/** An agent's day: registered at midnight, online for a shift with a break, then offline. */
export function scriptAgent(
  events: RawEvent[],
  random: SeededRandom,
  agentId: string,
  day: number,
): void {
  const agent = (type: string, at: number, data: Record<string, unknown>) =>
    events.push({
      topic: TOPICS.agentEvents,
      key: agentId,
      streamId: `agent-${agentId}`,
      type,
      at,
      data: { agentId, ...data, at: iso(at) },
    });
  const groups = [random.pick(['flights', 'hotels']), 'general'];
  agent('AgentRegistered', day, {
    name: null,
    capacity: 5,
    groups,
    skills: [],
    weight: 1,
    status: 'offline',
  });
  const online = day + random.int(0, 12 * 60) * MIN;
  const away = online + random.int(60, 180) * MIN;
  const back = away + random.int(5, 45) * MIN;
  const offline = back + random.int(4 * 60, 9 * 60) * MIN;
  agent('AgentStatusChanged', online, { status: 'online', previousStatus: 'offline', held: [] });
  agent('AgentStatusChanged', away, { status: 'away', previousStatus: 'online', held: [] });
  agent('AgentStatusChanged', back, { status: 'online', previousStatus: 'away', held: [] });
  agent('AgentStatusChanged', offline, { status: 'offline', previousStatus: 'online', held: [] });
}

export /** Agents' `load` after each take/release, in time order. */
function fillLoads(events: RawEvent[]): RawEvent[] {
  const loads = new Map<string, number>();
  for (const event of events) {
    const delta =
      event.type === 'AgentConsultationTaken'
        ? 1
        : event.type === 'AgentConsultationReleased'
          ? -1
          : 0;
    if (delta === 0) continue;
    const agentId = event.data.agentId as string;
    const load = Math.max(0, (loads.get(agentId) ?? 0) + delta);
    loads.set(agentId, load);
    event.data.load = load;
  }
  return events;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
