import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import {
  consultationStream,
  evolveConsultation,
  initialConsultationState,
  type OpenedConsultation,
} from '../../domain';
import { consultationNotFound } from '../command-context/access.errors';
import { toConsultationEvent } from '../command-context/consultation-command.runner';

/**
 * A consultation folded from its stream, for the suggestions route: the FAQ module needs who
 * holds it and its domain, not the command runner (which lives in ConsultationModule).
 */
@Injectable()
export class ConsultationReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(consultationId: string): Promise<OpenedConsultation> {
    const events = await this.store.readStream(consultationStream(consultationId));
    const state = fold(
      { evolve: evolveConsultation, initialState: initialConsultationState },
      events.map(toConsultationEvent),
    );
    if (state.status === 'initial') throw consultationNotFound(consultationId);
    return state;
  }
}
