/**
 * What the moderation policy decided about one message's text. The application runs the policy
 * before deciding, and passes the verdict in the command, so the decider stays pure.
 */
export type ModerationVerdict =
  | { readonly action: 'allow' }
  /** Post `text` instead of the original, with `masked: true`. */
  | { readonly action: 'mask'; readonly text: string; readonly rules: readonly string[] }
  /** Record a MessageRejected and refuse the message (MESSAGE_REJECTED). */
  | { readonly action: 'reject'; readonly rules: readonly string[] };

export const ALLOW: ModerationVerdict = Object.freeze({ action: 'allow' });

/** Judges a message's text. Implementations must be deterministic and synchronous. */
export interface ModerationPolicy {
  review(text: string): ModerationVerdict;
}

/** DI token for the ModerationPolicy port. */
export const MODERATION_POLICY = Symbol('ModerationPolicy');

export interface ModerationOptions {
  /** Words matched case-insensitively as whole words. Default none. */
  readonly words?: readonly string[];
  /** Regular expression sources (flag `i` is added). Default none. */
  readonly patterns?: readonly string[];
  /** Block links (http(s)://… or www.…) except to `allowedHosts`. Default false. */
  readonly blockLinks?: boolean;
  /** Hosts (and their subdomains) links may point to when `blockLinks` is on. */
  readonly allowedHosts?: readonly string[];
  /** `mask` replaces each match with `*`; `reject` refuses the message. Default `mask`. */
  readonly mode?: 'mask' | 'reject';
}
