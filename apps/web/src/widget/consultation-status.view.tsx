import type { ConsultationState, WidgetConsultation } from './consultation.types';

const LABEL: Record<ConsultationState, string> = {
  pending: 'Waiting for an agent',
  assigned: 'You are chatting with an agent',
  resolved: 'Resolved',
  closed: 'Closed',
};

/**
 * The consultation's state and queue position, in a polite live region: a screen reader
 * hears "You are number 1 in the queue" when the customer ahead is served.
 */
export function ConsultationStatus({ consultation }: { consultation: WidgetConsultation }) {
  const { state, queuePosition } = consultation;
  const waiting = state === 'pending' && queuePosition !== undefined;
  return (
    <div
      class="consultation-status"
      role="status"
      aria-label="Consultation status"
      data-state={state}
    >
      <span class={`state-badge state-${state}`}>{LABEL[state]}</span>
      {waiting && (
        <span class="queue-position" data-queue-position={queuePosition}>
          You are number {queuePosition} in the queue
        </span>
      )}
      {state === 'resolved' && <span class="status-hint">Write again if you still need help</span>}
    </div>
  );
}
