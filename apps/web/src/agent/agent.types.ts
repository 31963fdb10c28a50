/** The REST shapes the desk reads (see the OpenAPI at /docs for the full contracts). */

export type AgentStatus = 'online' | 'away' | 'offline';

export interface AgentView {
  readonly agentId: string;
  readonly name: string | null;
  readonly status: AgentStatus;
  readonly capacity: number;
  readonly load: number;
  readonly held: readonly string[];
  readonly groups: readonly string[];
}

export interface ConsultationView {
  readonly id: string;
  readonly conversationId: string;
  readonly state: 'pending' | 'assigned' | 'resolved' | 'closed';
  readonly accepted: boolean;
  readonly customerId: string;
  readonly domain: string;
  readonly group: string | null;
  readonly subject: string | null;
  readonly agentId: string | null;
  readonly queuePosition?: number;
  readonly openedAt: string;
  readonly assignedAt: string | null;
}

export interface ConsultationPage {
  readonly items: ConsultationView[];
  readonly nextCursor: string | null;
}

export interface FaqSuggestion {
  readonly entryId: string;
  readonly question: string;
  readonly answer: string;
  readonly confidence: number;
}

export interface CannedReply {
  readonly replyId: string;
  readonly title: string;
  readonly text: string;
  readonly score?: number;
}

export interface Suggestions {
  readonly faq: FaqSuggestion[];
  readonly cannedReplies: CannedReply[];
}

/** What the desk knows of a conversation's latest traffic (for waiting times and suggestions). */
export interface Activity {
  /** Last customer message not yet answered by staff (the customer is waiting since then). */
  readonly waitingSince?: string;
  readonly lastCustomerText?: string;
  readonly lastCustomerSeq: number;
}
