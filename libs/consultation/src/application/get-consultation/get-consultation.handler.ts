import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AgentCommandRunner } from '../command-context/agent-command.runner';
import { assertCanView } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { ConsultationsProjection } from '../consultations-view/consultations.projection';
import { GetConsultationQuery } from './get-consultation.query';

/** Folds the stream (the truth, so a read right after a write sees it); queue place from the view. */
@QueryHandler(GetConsultationQuery)
export class GetConsultationHandler implements IQueryHandler<GetConsultationQuery> {
  constructor(
    private readonly consultations: ConsultationCommandRunner,
    private readonly agents: AgentCommandRunner,
    private readonly view: ConsultationsProjection,
  ) {}

  async execute({ actor, consultationId }: GetConsultationQuery): Promise<ConsultationView> {
    const state = await this.consultations.load(consultationId);
    const groups = actor.role === 'agent' ? await this.agents.groupsOf(actor.userId) : [];
    assertCanView(actor, state, groups);
    const position =
      state.status === 'pending' ? this.view.queuePositionOf(consultationId) : undefined;
    return toConsultationView(state, position);
  }
}
