import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  QueryHandler,
} from '@nestjs/cqrs';
import { DomainError, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  type ServiceSettingsCommand,
  serviceSettingsDecider,
  serviceSettingsStream,
} from '../../domain/service-hours';
import { readSettings } from '../auto-replies/service-settings.reader';
import { commandMetadata, type RequestContext } from '@switchboard/platform';
import {
  GetServiceSettingsQuery,
  SetAutoRepliesCommand,
  SetBusinessHoursCommand,
} from './service-settings.command';
import { type ServiceSettingsView, toServiceSettingsView } from './service-settings.view';

/** Runs one settings command through the decider; an unchanged value appends nothing. */
async function run(
  store: EventStore,
  clock: Clock,
  context: RequestContext,
  key: string,
  build: (metadata: ServiceSettingsCommand['metadata']) => ServiceSettingsCommand,
): Promise<ServiceSettingsView> {
  const stream = serviceSettingsStream(key);
  const command = build(commandMetadata(context, clock, `${build.name}:${stream}`));
  const { state } = await handleCommand(store, stream, serviceSettingsDecider, command);
  return toServiceSettingsView(key, state);
}

@CommandHandler(SetBusinessHoursCommand)
export class SetBusinessHoursHandler implements ICommandHandler<SetBusinessHoursCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ context, key, hours }: SetBusinessHoursCommand): Promise<ServiceSettingsView> {
    return run(this.store, this.clock, context, key, function setBusinessHours(metadata) {
      return { type: 'setBusinessHours', data: { key, hours }, metadata };
    });
  }
}

@CommandHandler(SetAutoRepliesCommand)
export class SetAutoRepliesHandler implements ICommandHandler<SetAutoRepliesCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ context, key, templates }: SetAutoRepliesCommand): Promise<ServiceSettingsView> {
    return run(this.store, this.clock, context, key, function setAutoReplies(metadata) {
      return { type: 'setAutoReplies', data: { key, templates }, metadata };
    });
  }
}

/** SERVICE_SETTINGS_NOT_FOUND (404) for a key nothing was ever set on. */
@QueryHandler(GetServiceSettingsQuery)
export class GetServiceSettingsHandler implements IQueryHandler<GetServiceSettingsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ key }: GetServiceSettingsQuery): Promise<ServiceSettingsView> {
    const state = await readSettings(this.store, key);
    if (state.key === null) {
      throw new DomainError(
        'SERVICE_SETTINGS_NOT_FOUND',
        `No service settings for ${key}`,
        'not_found',
      );
    }
    return toServiceSettingsView(key, state);
  }
}
