import { Inject, Injectable } from '@nestjs/common';
import { fold, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  scorecardDecider,
  type ScorecardDefinition,
  type ScorecardEvent,
  scorecardNotFound,
  type ScorecardState,
  scorecardStream,
} from '../../domain/quality';
import { commandMetadata, type RequestContext } from '@switchboard/platform';

export type ScorecardTemplate = Extract<ScorecardState, { status: 'defined' }>;

export function toScorecardEvent(recorded: RecordedEvent): ScorecardEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as ScorecardEvent;
}

/** Scorecard templates: define, update (a new version each time), read. */
@Injectable()
export class ScorecardService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async define(
    context: RequestContext,
    definition: ScorecardDefinition,
  ): Promise<ScorecardTemplate> {
    return this.run(context, 'qa-define', { type: 'defineScorecard', definition });
  }

  async update(
    context: RequestContext,
    definition: ScorecardDefinition,
  ): Promise<ScorecardTemplate> {
    return this.run(context, 'qa-update', { type: 'updateScorecard', definition });
  }

  /** The template as it is now; 404 when it was never defined. */
  async load(templateId: string): Promise<ScorecardTemplate> {
    const events = await this.store.readStream(scorecardStream(templateId));
    return this.defined(templateId, fold(scorecardDecider, events.map(toScorecardEvent)));
  }

  private async run(
    context: RequestContext,
    scope: string,
    {
      type,
      definition,
    }: { type: 'defineScorecard' | 'updateScorecard'; definition: ScorecardDefinition },
  ): Promise<ScorecardTemplate> {
    const stream = scorecardStream(definition.templateId);
    const metadata = commandMetadata(context, this.clock, `${scope}/${stream}`);
    const { criteria } = definition;
    const data: ScorecardDefinition = {
      templateId: definition.templateId,
      name: definition.name,
      criteria: criteria.map(({ criterionId, label, weight, maxPoints }) => ({
        criterionId,
        label,
        weight,
        maxPoints,
      })),
    };
    const result = await handleCommand(this.store, stream, scorecardDecider, {
      type,
      data,
      metadata,
    });
    return this.defined(definition.templateId, result.state);
  }

  private defined(templateId: string, state: ScorecardState): ScorecardTemplate {
    if (state.status === 'none') throw scorecardNotFound(templateId);
    return state;
  }
}
