import { fold } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import {
  type AutoReplyTemplates,
  type BusinessHours,
  serviceSettingsDecider,
  type ServiceSettingsEvent,
  type ServiceSettingsState,
  serviceSettingsStream,
} from '../../domain/service-hours';

/** What applies to one consultation: its group's settings, else its domain's, per part. */
export interface EffectiveSettings {
  readonly hours: BusinessHours | null;
  readonly templates: AutoReplyTemplates | null;
}

/**
 * Reads `service-settings-<key>` streams. `beforePosition` folds only the events stored before
 * a global position, so a reaction replayed after a restart uses the settings of its time.
 */
export async function readSettings(
  store: EventStore,
  key: string,
  beforePosition = Number.POSITIVE_INFINITY,
): Promise<ServiceSettingsState> {
  const history = await store.readStream(serviceSettingsStream(key));
  const events = history
    .filter((e) => e.position < beforePosition)
    .map((e) => ({ type: e.type, version: 1, data: e.data }) as ServiceSettingsEvent);
  return fold(serviceSettingsDecider, events);
}

export async function effectiveSettings(
  store: EventStore,
  target: { readonly group: string | null; readonly domain: string },
  beforePosition?: number,
): Promise<EffectiveSettings> {
  const domain = await readSettings(store, `domain:${target.domain}`, beforePosition);
  const group =
    target.group === null
      ? null
      : await readSettings(store, `group:${target.group}`, beforePosition);
  return {
    hours: group?.hours ?? domain.hours,
    templates: group?.templates ?? domain.templates,
  };
}
