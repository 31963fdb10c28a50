/**
 * The part of `consultation.events.v1` (key: consultationId) that other contexts consume,
 * contract v1. `data` is the consultation context's stored event data; only the fields other
 * contexts rely on are listed here (consumers ignore fields they do not know).
 * `AutoReplyIssued` comes from stream `auto-reply-<consultationId>` on the same topic.
 */
export interface ConsultationOpenedData {
  readonly consultationId: string;
  readonly customerId: string;
  readonly domain: string;
  readonly group: string | null;
  readonly subject: string | null;
  readonly conversationId: string;
  readonly at: string;
}

export interface ConsultationAssignedData {
  readonly consultationId: string;
  readonly agentId: string;
  readonly group: string | null;
  readonly at: string;
}

export interface ConsultationAcceptedData {
  readonly consultationId: string;
  readonly agentId: string;
  readonly at: string;
}

export interface ConsultationRequeuedData {
  readonly consultationId: string;
  /** The agent who lost it. */
  readonly agentId: string;
  readonly reason: string;
  readonly at: string;
}

export interface ConsultationTransferredData {
  readonly consultationId: string;
  readonly fromAgentId: string;
  readonly to: { readonly agentId: string } | { readonly group: string };
  readonly by: string;
  readonly at: string;
}

export interface ConsultationResolvedData {
  readonly consultationId: string;
  readonly agentId: string;
  readonly at: string;
}

export interface ConsultationReopenedData {
  readonly consultationId: string;
  readonly previousAgentId: string;
  readonly at: string;
}

export interface ConsultationClosedData {
  readonly consultationId: string;
  readonly by: 'agent' | 'customer' | 'system';
  readonly reason: string;
  readonly agentId: string | null;
  readonly at: string;
}

export interface ConsultationRatedData {
  readonly consultationId: string;
  readonly score: 1 | 2 | 3 | 4 | 5;
  readonly comment: string | null;
  readonly at: string;
}

export interface AutoReplyIssuedData {
  readonly consultationId: string;
  readonly conversationId: string;
  /** `greeting`, `queue_position`, `out_of_hours`, `faq_answer`; more may be added. */
  readonly kind: string;
  readonly text: string;
  /** The event this reply answers: one reply per trigger and kind. */
  readonly triggerEventId: string;
  readonly at: string;
}

/** `type` → `data` of the consultation events other contexts consume. */
export interface ConsultationEventsV1 {
  readonly ConsultationOpened: ConsultationOpenedData;
  readonly ConsultationAssigned: ConsultationAssignedData;
  readonly ConsultationAccepted: ConsultationAcceptedData;
  readonly ConsultationRequeued: ConsultationRequeuedData;
  readonly ConsultationTransferred: ConsultationTransferredData;
  readonly ConsultationResolved: ConsultationResolvedData;
  readonly ConsultationReopened: ConsultationReopenedData;
  readonly ConsultationClosed: ConsultationClosedData;
  readonly ConsultationRated: ConsultationRatedData;
  readonly AutoReplyIssued: AutoReplyIssuedData;
}
