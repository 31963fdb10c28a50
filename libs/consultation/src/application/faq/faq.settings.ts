/** How sure the FAQ must be before it answers a customer on its own. */
export interface FaqSettings {
  /** Minimum confidence (0..1) of the best match for an automatic answer. */
  readonly autoAnswerThreshold: number;
}

export const FAQ_SETTINGS = Symbol('FAQ_SETTINGS');

export const DEFAULT_FAQ_SETTINGS: FaqSettings = { autoAnswerThreshold: 0.5 };
