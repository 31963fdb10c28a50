import type { Envelope } from '@switchboard/contracts';
import type { AudienceTarget } from '../fan-out/delivery.service';
import {
  asRecord,
  type ConsultationParties,
  type DispatchPlan,
  optionalString,
  requireString,
} from './dispatch.plan';

type State = 'pending' | 'assigned' | 'resolved' | 'closed';

/**
 * Plans `consultation.updated` {id, state, agentId?} for the customer and the agent(s) the
 * event concerns (the one who lost it on a requeue or transfer, too). `parties` is what the
 * dispatcher knows after folding this event in; without a known customer only the agents are
 * told. ConsultationRated and AutoReplyIssued push nothing: the reply itself arrives as a
 * message on `im.messages.v1`.
 */
export function planConsultationEvent(
  envelope: Envelope,
  parties: ConsultationParties,
): DispatchPlan[] {
  const data = asRecord(envelope);
  const id = requireString(envelope, data, 'consultationId');
  const agent = optionalString(data, 'agentId');
  let state: State;
  let agentId: string | undefined;
  const agents: (string | undefined)[] = [agent];
  switch (envelope.type) {
    case 'ConsultationOpened':
      state = 'pending';
      break;
    case 'ConsultationAssigned':
    case 'ConsultationAccepted':
      state = 'assigned';
      agentId = requireString(envelope, data, 'agentId');
      break;
    case 'ConsultationRequeued':
      state = 'pending';
      break;
    case 'ConsultationTransferred': {
      const to = data.to as { agentId?: unknown } | null | undefined;
      agentId = typeof to?.agentId === 'string' ? to.agentId : undefined;
      state = agentId === undefined ? 'pending' : 'assigned';
      agents.push(optionalString(data, 'fromAgentId'), agentId);
      break;
    }
    case 'ConsultationResolved':
      state = 'resolved';
      agentId = agent;
      break;
    case 'ConsultationReopened':
      state = 'pending';
      agents.push(optionalString(data, 'previousAgentId'));
      break;
    case 'ConsultationClosed':
      state = 'closed';
      agentId = agent;
      break;
    default:
      return [];
  }
  const audience: AudienceTarget[] = [];
  const customerId = optionalString(data, 'customerId') ?? parties.customerId;
  if (customerId !== undefined) audience.push({ userId: customerId, role: 'customer' });
  for (const userId of agents) if (userId !== undefined) audience.push({ userId, role: 'agent' });
  return [
    {
      event: 'consultation.updated',
      audience,
      payload: { id, state, ...(agentId !== undefined ? { agentId } : {}) },
      options: { ack: false },
    },
  ];
}
