import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { stableUuid } from '@switchboard/platform';
import { OpenConsultationCommand } from './open-consultation.command';
import { type OpenConsultationResponse } from './open-consultation.dto';

/**
 * The customer opens a consultation for themself. With an `Idempotency-Key` the ids derive from
 * (customer, key), so a replay lands on the same stream and returns the same consultation.
 * The conversation id is minted here; the messaging context creates the conversation from the
 * ConsultationOpened event.
 */
@CommandHandler(OpenConsultationCommand)
export class OpenConsultationHandler implements ICommandHandler<OpenConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({ context, body }: OpenConsultationCommand): Promise<OpenConsultationResponse> {
    const key = context.idempotencyKey;
    const customerId = context.actor.userId;
    const id = key === undefined ? randomUUID() : stableUuid('consultation', customerId, key);
    const conversationId =
      key === undefined ? randomUUID() : stableUuid('conversation', customerId, key);
    const state = await this.runner.run(id, context, 'open', (metadata) => ({
      type: 'open',
      data: {
        consultationId: id,
        customerId,
        domain: body.domain,
        ...(body.group === undefined ? {} : { group: body.group }),
        ...(body.subject === undefined ? {} : { subject: body.subject }),
        ...(body.context === undefined ? {} : { context: body.context }),
        conversationId,
      },
      metadata,
    }));
    return { id: state.consultationId, conversationId: state.conversationId, state: state.status };
  }
}
