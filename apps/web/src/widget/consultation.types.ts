/** The lifecycle states of a consultation (`GET /v1/consultations/:id` → `state`). */
export type ConsultationState = 'pending' | 'assigned' | 'resolved' | 'closed';

/** The part of the REST ConsultationView the widget shows. */
export interface WidgetConsultation {
  readonly id: string;
  readonly conversationId: string;
  readonly state: ConsultationState;
  readonly agentId: string | null;
  /** Place in the queue (1 = next) while pending and queued. */
  readonly queuePosition?: number;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
}

export function isConsultationState(value: string): value is ConsultationState {
  return ['pending', 'assigned', 'resolved', 'closed'].includes(value);
}
