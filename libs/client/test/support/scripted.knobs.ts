import type { MessageView } from '../../src';

/** What a test can make the scripted servers do wrong. All off by default. */
export interface ScriptedKnobs {
  /** The next N sends are stored but their answer is lost (no socket ack; REST 503). */
  loseSendAnswers: number;
  /** The next N consultation opens are done but their answer is lost (no ack; REST 503). */
  loseOpenAnswers: number;
  /** Delay before answering a send. */
  sendDelayMs: number;
  /** Delay before each push. */
  pushDelayMs: number;
  /** Push every message twice. */
  duplicatePushes: boolean;
  /** Never push these (a gap the client must fill by sync). */
  skipPush: (message: MessageView, userId: string) => boolean;
  /** The next N socket syncs are refused with VALIDATION_FAILED. */
  refuseSyncs: number;
  /** How long the server waits for a push ack before pushing again. */
  pushAckTimeoutMs: number;
}

export function defaultKnobs(): ScriptedKnobs {
  return {
    loseSendAnswers: 0,
    loseOpenAnswers: 0,
    sendDelayMs: 0,
    pushDelayMs: 0,
    duplicatePushes: false,
    skipPush: () => false,
    pushAckTimeoutMs: 300,
    refuseSyncs: 0,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
