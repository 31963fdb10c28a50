import { RelayModule } from '@switchboard/relay';
import { Module } from '@nestjs/common';
import { AcceptConsultationController } from '../application/accept-consultation/accept-consultation.controller';
import { AcceptConsultationHandler } from '../application/accept-consultation/accept-consultation.handler';
import { AssignConsultationController } from '../application/assign-consultation/assign-consultation.controller';
import { AssignConsultationHandler } from '../application/assign-consultation/assign-consultation.handler';
import { CloseConsultationController } from '../application/close-consultation/close-consultation.controller';
import { CloseConsultationHandler } from '../application/close-consultation/close-consultation.handler';
import { AgentCapacity } from '../application/command-context/agent-capacity.service';
import { AgentCommandRunner } from '../application/command-context/agent-command.runner';
import { ConsultationCommandRunner } from '../application/command-context/consultation-command.runner';
import { CONSULTATION_POLICY } from '../application/command-context/consultation-policy.token';
import { ConsultationsProjection } from '../application/consultations-view/consultations.projection';
import { GetAgentController } from '../application/get-agent/get-agent.controller';
import { GetAgentHandler } from '../application/get-agent/get-agent.handler';
import { GetConsultationController } from '../application/get-consultation/get-consultation.controller';
import { GetConsultationHandler } from '../application/get-consultation/get-consultation.handler';
import { ListAgentsController } from '../application/list-agents/list-agents.controller';
import { ListAgentsHandler } from '../application/list-agents/list-agents.handler';
import { ListConsultationsController } from '../application/list-consultations/list-consultations.controller';
import { ListConsultationsHandler } from '../application/list-consultations/list-consultations.handler';
import { OpenConsultationController } from '../application/open-consultation/open-consultation.controller';
import { OpenConsultationHandler } from '../application/open-consultation/open-consultation.handler';
import { QueueViewController } from '../application/queue-view/queue-view.controller';
import { QueueViewHandler } from '../application/queue-view/queue-view.handler';
import { RateConsultationController } from '../application/rate-consultation/rate-consultation.controller';
import { RateConsultationHandler } from '../application/rate-consultation/rate-consultation.handler';
import { RegisterAgentController } from '../application/register-agent/register-agent.controller';
import { RegisterAgentHandler } from '../application/register-agent/register-agent.handler';
import { ReopenConsultationController } from '../application/reopen-consultation/reopen-consultation.controller';
import { ReopenConsultationHandler } from '../application/reopen-consultation/reopen-consultation.handler';
import { ResolveConsultationController } from '../application/resolve-consultation/resolve-consultation.controller';
import { ResolveConsultationHandler } from '../application/resolve-consultation/resolve-consultation.handler';
import { TransferConsultationController } from '../application/transfer-consultation/transfer-consultation.controller';
import { TransferConsultationHandler } from '../application/transfer-consultation/transfer-consultation.handler';
import { UpdateAgentController } from '../application/update-agent/update-agent.controller';
import { UpdateAgentHandler } from '../application/update-agent/update-agent.handler';
import { ConsultationMessagesModule } from './consultation-messages.module';
import { CONSULTATION_RELAY_ROUTES } from './consultation.relay-routes';
import { QualityModule } from './quality.module';
import { AutoReplyModule } from './auto-reply.module';
import { FaqModule } from './faq.module';
import {
  ConsultationRuntimeModule,
  RUNTIME_CONSULTATION_POLICY,
} from './consultation-runtime.module';

/**
 * The consultation context's REST API (`/v1/consultations`, `/v1/agents`, `/v1/queues`): thin
 * controllers that put commands and queries on the @nestjs/cqrs buses, handlers that run the
 * deciders through `handleCommand`, and the in-memory read model behind lists and queues.
 *
 * Imports ConsultationRuntimeModule (router, capacity process manager, timers) so that an
 * opened consultation is routed, and decides with the runtime's policy: one set of durations.
 *
 * Needs, from the app: `CqrsModule.forRoot()` (global buses; importing CqrsModule here as well
 * would make a second set of buses), the EVENT_STORE provider, and PlatformModule (CLOCK, auth,
 * validation, error mapping).
 */
@Module({
  imports: [
    ConsultationRuntimeModule,
    AutoReplyModule,
    QualityModule,
    FaqModule,
    ConsultationMessagesModule,
    // Public, versioned topics for analytics consumers and the dispatcher (DESIGN: Kafka topics).
    RelayModule.forFeature(CONSULTATION_RELAY_ROUTES),
  ],
  controllers: [
    OpenConsultationController,
    GetConsultationController,
    ListConsultationsController,
    AssignConsultationController,
    AcceptConsultationController,
    TransferConsultationController,
    ResolveConsultationController,
    CloseConsultationController,
    ReopenConsultationController,
    RateConsultationController,
    RegisterAgentController,
    ListAgentsController,
    GetAgentController,
    UpdateAgentController,
    QueueViewController,
  ],
  providers: [
    { provide: CONSULTATION_POLICY, useExisting: RUNTIME_CONSULTATION_POLICY },
    ConsultationCommandRunner,
    AgentCommandRunner,
    AgentCapacity,
    ConsultationsProjection,
    OpenConsultationHandler,
    GetConsultationHandler,
    ListConsultationsHandler,
    AssignConsultationHandler,
    AcceptConsultationHandler,
    TransferConsultationHandler,
    ResolveConsultationHandler,
    CloseConsultationHandler,
    ReopenConsultationHandler,
    RateConsultationHandler,
    RegisterAgentHandler,
    ListAgentsHandler,
    GetAgentHandler,
    UpdateAgentHandler,
    QueueViewHandler,
  ],
  exports: [ConsultationsProjection, CONSULTATION_POLICY],
})
export class ConsultationModule {}
