import { type ModerationOptions } from '../../domain';

/** The raw environment strings the integrator maps into `ConversationModuleOptions.moderation`. */
export interface ModerationEnv {
  /** Comma-separated words, e.g. `darn,heck`. */
  readonly MODERATION_WORDS?: string;
  /** A JSON array of regular expression sources, e.g. `["\\d{16}"]` (commas occur in regexes). */
  readonly MODERATION_PATTERNS?: string;
  /** `mask` (default) or `reject`. */
  readonly MODERATION_MODE?: string;
  /** `true` blocks links except to MODERATION_ALLOWED_HOSTS. Default `false`. */
  readonly MODERATION_BLOCK_LINKS?: string;
  /** Comma-separated hosts links may point to (subdomains included). */
  readonly MODERATION_ALLOWED_HOSTS?: string;
}

/**
 * Moderation options from environment strings. Throws a RangeError naming the variable for a
 * bad value, so a typo stops the process at start instead of silently moderating nothing.
 */
export function moderationFromEnv(env: ModerationEnv): ModerationOptions {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  const mode = env.MODERATION_MODE ?? 'mask';
  if (mode !== 'mask' && mode !== 'reject') {
    throw new RangeError(`MODERATION_MODE must be mask or reject, not ${mode}`);
  }
  const blockLinks = env.MODERATION_BLOCK_LINKS ?? 'false';
  if (blockLinks !== 'true' && blockLinks !== 'false') {
    throw new RangeError(`MODERATION_BLOCK_LINKS must be true or false, not ${blockLinks}`);
  }
  return {
    words: list(env.MODERATION_WORDS),
    patterns: patterns(env.MODERATION_PATTERNS),
    mode,
    blockLinks: blockLinks === 'true',
    allowedHosts: list(env.MODERATION_ALLOWED_HOSTS),
  };
}

function patterns(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new RangeError('MODERATION_PATTERNS must be a JSON array of strings');
  }
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === 'string')) {
    throw new RangeError('MODERATION_PATTERNS must be a JSON array of strings');
  }
  for (const source of parsed) {
    try {
      new RegExp(source, 'gi');
    } catch (error) {
      throw new RangeError(
        `MODERATION_PATTERNS: invalid regular expression ${source}: ${String(error)}`,
      );
    }
  }
  return parsed;
}
