import type { MessageAttachment, ParticipantRole } from '@switchboard/contracts';
import type { MessageView } from '@switchboard/conversation/application/views/message.view';

export type { MessageAttachment, MessageView, ParticipantRole };

/** Device kinds the gateway accepts in the handshake. */
export type DeviceKind = 'web' | 'desktop' | 'ios' | 'android';

/** What `send` needs; the SDK generates the `clientMsgId` unless given one. */
export interface SendInput {
  readonly conversationId: string;
  /**
   * Only for an app that keeps its own outbox across restarts: re-sending an unacked message
   * with its original id after a reload cannot store it twice.
   */
  readonly clientMsgId?: string;
  readonly type: 'text' | 'image' | 'file';
  readonly text?: string;
  readonly attachmentId?: string;
  /** Internal note (staff only). */
  readonly internal?: boolean;
}

/** Where the client stands in a conversation: the last seq it has delivered to listeners. */
export interface SyncCursor {
  readonly conversationId: string;
  readonly afterSeq: number;
}

export interface SyncResult {
  readonly messages: readonly MessageView[];
  readonly more: boolean;
}

/** `consultation.updated` push. */
export interface ConsultationUpdate {
  readonly id: string;
  readonly state: string;
  readonly agentId?: string;
  readonly queuePosition?: number;
}

export interface OpenConsultationInput {
  readonly domain: string;
  readonly group?: string;
  readonly subject?: string;
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * This open's idempotency key (1-128 of A-Z a-z 0-9 . _ : -); default a fresh UUID per call.
   * Pass your own to make an open repeated across reloads land on the same consultation.
   */
  readonly requestId?: string;
}

export interface OpenedConsultation {
  readonly id: string;
  readonly conversationId: string;
  readonly state: string;
}

export interface PresenceEvent {
  readonly userId: string;
  readonly online: boolean;
}

export interface ReadEvent {
  readonly conversationId: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly seq: number;
}

export interface TypingEvent {
  readonly conversationId: string;
  readonly userId: string;
  readonly typing: boolean;
}

/** A conversation as `GET /v1/conversations` lists it. */
export interface ConversationSummary {
  readonly id: string;
  readonly kind: string;
  readonly domain: string | null;
  readonly consultationId: string | null;
  readonly members: readonly { readonly userId: string; readonly role: string }[];
  readonly lastSeq: number;
  readonly closed: boolean;
  readonly unread?: number;
}

export interface UploadedFile {
  readonly id: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * `connecting` → `connected` (after the resync from the cursors) → `disconnected` (the SDK
 * reconnects by itself) → ...; `failed` when the server refused the credentials (no retry);
 * `closed` after `close()`.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** Listener signatures of `SwitchboardClient.on`. */
export interface ClientEvents {
  message: (message: MessageView) => void;
  consultation: (update: ConsultationUpdate) => void;
  presence: (event: PresenceEvent) => void;
  read: (event: ReadEvent) => void;
  typing: (event: TypingEvent) => void;
  connection: (state: ConnectionState, error?: Error) => void;
  /** Errors the SDK recovered from or could not attribute to a call (a failed resync...). */
  error: (error: Error) => void;
}

/** A token, or a function that yields a fresh one at each (re)connect and request. */
export type TokenSource = string | (() => string | Promise<string>);
