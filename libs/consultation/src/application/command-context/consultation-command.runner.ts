import { Inject, Injectable } from '@nestjs/common';
import {
  type CommandMetadata,
  deriveEventId,
  DomainError,
  fold,
  handleCommand,
} from '@switchboard/es-core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  type ConsultationCommand,
  consultationDecider,
  type ConsultationDecider,
  type ConsultationEvent,
  type ConsultationPolicy,
  type ConsultationState,
  consultationStream,
  type OpenedConsultation,
} from '../../domain';
import { consultationNotFound } from './access.errors';
import { CONSULTATION_POLICY } from './consultation-policy.token';
import { commandMetadata, type RequestContext } from '@switchboard/platform';

/** Checks the caller against the state the command is about to be decided on. */
export type ConsultationGuard = (state: OpenedConsultation) => void;

export function toConsultationEvent(recorded: RecordedEvent): ConsultationEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as ConsultationEvent;
}

/**
 * The one command path for consultation use cases: metadata from the request and the clock,
 * then `handleCommand` with a decider that first answers 404 for an empty stream (any command
 * but `open`) and runs the caller's guard. Both run inside the read → decide → append loop, so
 * they see exactly the state the append's expected revision protects.
 */
@Injectable()
export class ConsultationCommandRunner {
  private readonly decider: ConsultationDecider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSULTATION_POLICY) policy: ConsultationPolicy,
  ) {
    this.decider = consultationDecider(policy);
  }

  metadata(context: RequestContext, scope: string): CommandMetadata {
    return commandMetadata(context, this.clock, scope);
  }

  async run(
    consultationId: string,
    context: RequestContext,
    scope: string,
    build: (metadata: CommandMetadata) => ConsultationCommand,
    guard: ConsultationGuard = () => undefined,
  ): Promise<OpenedConsultation> {
    const metadata = this.metadata(context, `${scope}/${consultationId}`);
    const command = build(metadata);
    const stream = consultationStream(consultationId);
    const decider: ConsultationDecider = {
      ...this.decider,
      decide: (c, state) => {
        if (c.type !== 'open') guard(this.opened(consultationId, state));
        return this.decider.decide(c, state);
      },
    };
    try {
      // An open mints its consultation's id: the stream is new, except on a replay.
      const options = { expectNew: command.type === 'open' };
      const result = await handleCommand(this.store, stream, decider, command, options);
      return this.opened(consultationId, result.state);
    } catch (error) {
      // A replayed key whose command already landed: the decider now refuses it (already
      // opened, already accepted...), but the caller asked for the same thing twice.
      if (context.idempotencyKey !== undefined && error instanceof DomainError) {
        const replayed = await this.replayed(stream, metadata.commandId);
        if (replayed !== undefined) return this.opened(consultationId, replayed);
      }
      throw error;
    }
  }

  /** The consultation folded from its stream; 404 when it does not exist. */
  async load(consultationId: string): Promise<OpenedConsultation> {
    const events = await this.store.readStream(consultationStream(consultationId));
    return this.opened(consultationId, fold(this.decider, events.map(toConsultationEvent)));
  }

  private opened(consultationId: string, state: ConsultationState): OpenedConsultation {
    if (state.status === 'initial') throw consultationNotFound(consultationId);
    return state;
  }

  private async replayed(
    stream: string,
    commandId: string,
  ): Promise<ConsultationState | undefined> {
    const firstEventId = deriveEventId(commandId, 0);
    const events = await this.store.readStream(stream);
    if (!events.some((event) => event.id.toLowerCase() === firstEventId)) return undefined;
    return fold(this.decider, events.map(toConsultationEvent));
  }
}
