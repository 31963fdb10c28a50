import { type BannedWordsCheck } from '../../domain/quality';

/** What the automatic checks are measured against. */
export interface QualitySettings {
  /** First response SLA; default 60 s (`QA_FIRST_RESPONSE_SLA_SECONDS`). */
  readonly firstResponseSlaSeconds: number;
  readonly bannedWords: BannedWordsCheck;
}

export const QUALITY_SETTINGS = Symbol('QualitySettings');
export const DEFAULT_SLA_SECONDS = 60;

/**
 * Port to the messaging context: the texts of a consultation's conversation, or null while
 * they cannot be had (messaging is not built yet), which makes the banned-words check
 * `not_available` instead of a guess.
 */
export interface MessageTexts {
  textsOf(conversationId: string): Promise<readonly string[] | null>;
}

export const MESSAGE_TEXTS = Symbol('MessageTexts');

export class NoMessageTexts implements MessageTexts {
  textsOf(): Promise<null> {
    return Promise.resolve(null);
  }
}

export function slaSecondsFrom(raw: string | undefined): number {
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_SLA_SECONDS;
}
