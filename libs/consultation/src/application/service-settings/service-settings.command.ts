import { type AutoReplyTemplates, type BusinessHours } from '../../domain/service-hours';
import { type RequestContext } from '@switchboard/platform';

export class SetBusinessHoursCommand {
  constructor(
    readonly context: RequestContext,
    readonly key: string,
    readonly hours: BusinessHours,
  ) {}
}

export class SetAutoRepliesCommand {
  constructor(
    readonly context: RequestContext,
    readonly key: string,
    readonly templates: AutoReplyTemplates,
  ) {}
}

export class GetServiceSettingsQuery {
  constructor(readonly key: string) {}
}
