import type { ConsultationUpdate } from '@switchboard/client';
import { isConsultationState, type WidgetConsultation } from './consultation.types';

/** `GET /v1/consultations/:id` (the fields the widget reads), or the open's ack. */
export interface RestConsultation {
  readonly id: string;
  readonly conversationId: string;
  readonly state: string;
  readonly agentId?: string | null;
  readonly queuePosition?: number;
  readonly rating?: { readonly score: number; readonly comment: string | null } | null;
}

export function fromView(view: RestConsultation): WidgetConsultation {
  return {
    id: view.id,
    conversationId: view.conversationId,
    state: isConsultationState(view.state) ? view.state : 'pending',
    agentId: view.agentId ?? null,
    ...(view.queuePosition === undefined ? {} : { queuePosition: view.queuePosition }),
    rating: view.rating ?? null,
  };
}

/**
 * Folds a `consultation.updated` push in. A queue position only means something while
 * pending; a pending push without one (the open itself, a requeue) keeps the last known
 * position until the queue's own push brings the new one.
 */
export function applyUpdate(c: WidgetConsultation, update: ConsultationUpdate): WidgetConsultation {
  if (update.id !== c.id || !isConsultationState(update.state)) return c;
  const pending = update.state === 'pending';
  const queuePosition = pending ? (update.queuePosition ?? c.queuePosition) : undefined;
  return {
    ...c,
    state: update.state,
    agentId: update.agentId ?? (pending ? null : c.agentId),
    queuePosition,
  };
}
