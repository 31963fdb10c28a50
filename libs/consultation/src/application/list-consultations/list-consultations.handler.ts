import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type OpenedConsultation } from '../../domain';
import { AgentCommandRunner } from '../command-context/agent-command.runner';
import { canView } from '../command-context/consultation-access.policy';
import { type ConsultationPage, toConsultationView } from '../consultations-view/consultation.view';
import { ConsultationsProjection } from '../consultations-view/consultations.projection';
import { ListConsultationsQuery } from './list-consultations.query';

const DEFAULT_LIMIT = 50;

/** From the read model (may lag a write slightly), filtered to what the caller may see. */
@QueryHandler(ListConsultationsQuery)
export class ListConsultationsHandler implements IQueryHandler<ListConsultationsQuery> {
  constructor(
    private readonly view: ConsultationsProjection,
    private readonly agents: AgentCommandRunner,
  ) {}

  async execute({ actor, filter }: ListConsultationsQuery): Promise<ConsultationPage> {
    const groups = actor.role === 'agent' ? await this.agents.groupsOf(actor.userId) : [];
    const keep = (c: OpenedConsultation): boolean =>
      canView(actor, c, groups) &&
      (filter.state === undefined || c.status === filter.state) &&
      (filter.agentId === undefined ||
        (c.assignedAgentId === filter.agentId &&
          (c.status === 'assigned' || c.status === 'resolved'))) &&
      (filter.customerId === undefined || c.customerId === filter.customerId) &&
      (filter.domain === undefined || c.domain === filter.domain) &&
      (filter.group === undefined || c.group === filter.group);
    const page = this.view.listConsultations(
      keep,
      filter.limit ?? DEFAULT_LIMIT,
      filter.cursor === undefined ? undefined : Number(filter.cursor),
    );
    return {
      items: page.items.map((c) =>
        toConsultationView(
          c,
          c.status === 'pending' ? this.view.queuePositionOf(c.consultationId) : undefined,
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }
}
