import { describe, expect, it } from 'vitest';
import { moderationFromEnv } from './moderation.settings';

describe('moderationFromEnv', () => {
  it('defaults to nothing moderated, links allowed, mode mask', () => {
    expect(moderationFromEnv({})).toEqual({
      words: [],
      patterns: [],
      mode: 'mask',
      blockLinks: false,
      allowedHosts: [],
    });
  });

  it('parses lists, the JSON pattern array and the flags', () => {
    expect(
      moderationFromEnv({
        MODERATION_WORDS: ' darn, heck ,',
        MODERATION_PATTERNS: '["\\\\d{4},\\\\d{4}"]',
        MODERATION_MODE: 'reject',
        MODERATION_BLOCK_LINKS: 'true',
        MODERATION_ALLOWED_HOSTS: 'example.com,help.example.org',
      }),
    ).toEqual({
      words: ['darn', 'heck'],
      patterns: ['\\d{4},\\d{4}'],
      mode: 'reject',
      blockLinks: true,
      allowedHosts: ['example.com', 'help.example.org'],
    });
  });

  it.each([
    [{ MODERATION_MODE: 'block' }, 'MODERATION_MODE'],
    [{ MODERATION_BLOCK_LINKS: 'yes' }, 'MODERATION_BLOCK_LINKS'],
    [{ MODERATION_PATTERNS: 'a,b' }, 'MODERATION_PATTERNS'],
    [{ MODERATION_PATTERNS: '["(unclosed"]' }, 'MODERATION_PATTERNS'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => moderationFromEnv(env)).toThrow(name);
  });
});
