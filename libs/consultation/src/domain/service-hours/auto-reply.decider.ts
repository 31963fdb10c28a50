import { assertNever, type Command, type Decider, type DomainEvent } from '@switchboard/es-core';

/**
 * Automatic replies to one consultation, stream `auto-reply-<consultationId>`: the messaging
 * context turns each `AutoReplyIssued` into a system message in the conversation. Kept out of
 * the consultation stream so the consultation's state machine is untouched.
 */
export type AutoReplyKind = 'greeting' | 'queue_position' | 'out_of_hours' | 'faq_answer';

export type AutoReplyIssued = DomainEvent<
  'AutoReplyIssued',
  {
    readonly consultationId: string;
    readonly conversationId: string;
    readonly kind: AutoReplyKind;
    readonly text: string;
    /** The event this reply answers; one reply per trigger and kind. */
    readonly triggerEventId: string;
    readonly at: string;
  }
>;

export type AutoReplyEvent = AutoReplyIssued;

export type AutoReplyCommand = Command<'issueAutoReply', Omit<AutoReplyIssued['data'], 'at'>>;

export interface AutoReplyState {
  /** `<triggerEventId>:<kind>` of every reply issued. */
  readonly issued: ReadonlySet<string>;
}

export const AUTO_REPLY_STREAM_PREFIX = 'auto-reply-';

export function autoReplyStream(consultationId: string): string {
  return `${AUTO_REPLY_STREAM_PREFIX}${consultationId}`;
}

const issuedKey = (data: { triggerEventId: string; kind: AutoReplyKind }): string =>
  `${data.triggerEventId}:${data.kind}`;

/** Issues a reply once per (trigger, kind): a redelivered trigger appends nothing. */
export const autoReplyDecider: Decider<AutoReplyCommand, AutoReplyEvent, AutoReplyState> = {
  initialState: { issued: new Set() },
  decide(command, state) {
    switch (command.type) {
      case 'issueAutoReply':
        if (state.issued.has(issuedKey(command.data))) return [];
        return [
          {
            type: 'AutoReplyIssued',
            version: 1,
            data: { ...command.data, at: command.metadata.now.toISOString() },
          },
        ];
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'AutoReplyIssued':
        return { issued: new Set([...state.issued, issuedKey(event.data)]) };
      default:
        return assertNever(event.type);
    }
  },
};

/** Replaces `{name}` placeholders; unknown ones stay as written. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}
