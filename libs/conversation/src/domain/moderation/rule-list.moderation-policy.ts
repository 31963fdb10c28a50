import {
  ALLOW,
  type ModerationOptions,
  type ModerationPolicy,
  type ModerationVerdict,
} from './moderation.policy';

interface Rule {
  readonly name: string;
  readonly regex: RegExp;
  /** Whether one match is acceptable (links to allowed hosts). */
  readonly allows?: (match: string) => boolean;
}

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/**
 * The default policy: a word list, a list of regular expressions and a link rule. Rule names are
 * `word:<word>`, `pattern:<n>` (0-based index in the list) and `link`, so a MessageRejected says
 * which rule fired without repeating a pattern that may itself be sensitive.
 */
export class RuleListModerationPolicy implements ModerationPolicy {
  private readonly rules: readonly Rule[];
  private readonly mode: 'mask' | 'reject';

  constructor(options: ModerationOptions = {}) {
    this.mode = options.mode ?? 'mask';
    const words = (options.words ?? []).map((w) => w.trim()).filter((w) => w.length > 0);
    const allowed = (options.allowedHosts ?? []).map((h) => h.toLowerCase());
    this.rules = [
      ...words.map((word) => ({
        name: `word:${word.toLowerCase()}`,
        // Unicode-aware word edges: \b would treat accented letters as separators.
        regex: new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'giu'),
      })),
      ...(options.patterns ?? []).map((source, index) => ({
        name: `pattern:${index}`,
        regex: new RegExp(source, 'gi'),
      })),
      ...(options.blockLinks === true
        ? [{ name: 'link', regex: LINK, allows: (m: string) => isAllowedLink(m, allowed) }]
        : []),
    ];
  }

  review(text: string): ModerationVerdict {
    const fired = new Set<string>();
    let masked = text;
    for (const rule of this.rules) {
      masked = masked.replace(new RegExp(rule.regex.source, rule.regex.flags), (match) => {
        if (match.length === 0 || rule.allows?.(match) === true) return match;
        fired.add(rule.name);
        return '*'.repeat([...match].length);
      });
    }
    if (fired.size === 0) return ALLOW;
    const rules = [...fired];
    return this.mode === 'reject'
      ? { action: 'reject', rules }
      : { action: 'mask', text: masked, rules };
  }
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAllowedLink(link: string, allowedHosts: readonly string[]): boolean {
  const withScheme = /^https?:\/\//i.test(link) ? link : `http://${link}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
