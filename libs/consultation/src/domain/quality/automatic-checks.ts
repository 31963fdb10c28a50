/**
 * Automatic checks computed from a consultation's own events, up to and including the
 * `ConsultationClosed` that triggers them (later events never change a recorded result, so a
 * rebuild from position 0 gives the same numbers).
 */

/** Just enough of a stored event: the checks also read event types of other use cases. */
export interface HistoryEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Banned-words check over message texts. `null` texts = the messaging context cannot provide
 * them (not built yet): the result is then `not_available`, never a guessed `true`.
 */
export interface BannedWordsCheck {
  absent(texts: readonly string[]): boolean;
}

export type BannedWordsResult = boolean | 'not_available';

export interface AutomaticChecks {
  readonly slaSeconds: number;
  /** From the first accept (else first assignment) to the first agent activity; null: none. */
  readonly firstResponseSeconds: number | null;
  /** null when no agent ever got the consultation; false when the agent never answered. */
  readonly firstResponseWithinSla: boolean | null;
  /**
   * An `AutoReplyIssued` event of kind `greeting` (or without a kind) in the consultation's
   * stream before the close. That event type belongs to the auto-replies use case; until it
   * exists this is false, which reads as "no greeting on record".
   */
  readonly greetingSent: boolean;
  readonly bannedWordsAbsent: BannedWordsResult;
}

/** Case-insensitive whole-word match against a fixed list. */
export class WordListBannedWordsCheck implements BannedWordsCheck {
  private readonly words: ReadonlySet<string>;

  constructor(words: readonly string[]) {
    this.words = new Set(words.map((word) => word.toLowerCase()));
  }

  absent(texts: readonly string[]): boolean {
    return !texts.some((text) =>
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .some((token) => this.words.has(token)),
    );
  }
}

const atOf = (data: unknown): string | null => {
  const at = (data as { at?: unknown } | null)?.at;
  return typeof at === 'string' ? at : null;
};

export function computeAutomaticChecks(
  history: readonly HistoryEvent[],
  slaSeconds: number,
  bannedWords: BannedWordsCheck,
  texts: readonly string[] | null,
): AutomaticChecks {
  let assignedAt: string | null = null;
  let acceptedAt: string | null = null;
  let firstAgentActivityAt: string | null = null;
  let greetingSent = false;
  for (const event of history) {
    const at = atOf(event.data);
    if (event.type === 'ConsultationAssigned' && assignedAt === null) assignedAt = at;
    if (event.type === 'ConsultationAccepted' && acceptedAt === null) acceptedAt = at;
    if (event.type === 'ConsultationActivityRecorded' && firstAgentActivityAt === null) {
      if ((event.data as { by?: unknown }).by === 'agent') firstAgentActivityAt = at;
    }
    if (event.type === 'AutoReplyIssued') {
      const kind = (event.data as { kind?: unknown } | null)?.kind;
      if (kind === undefined || kind === 'greeting') greetingSent = true;
    }
    if (event.type === 'ConsultationClosed') break;
  }
  const start = acceptedAt ?? assignedAt;
  const firstResponseSeconds =
    start === null || firstAgentActivityAt === null
      ? null
      : Math.max(0, (Date.parse(firstAgentActivityAt) - Date.parse(start)) / 1000);
  return {
    slaSeconds,
    firstResponseSeconds,
    firstResponseWithinSla:
      start === null ? null : firstResponseSeconds !== null && firstResponseSeconds <= slaSeconds,
    greetingSent,
    bannedWordsAbsent: texts === null ? 'not_available' : bannedWords.absent(texts),
  };
}
