import { describe, expect, it } from 'vitest';
import { RuleListModerationPolicy } from './rule-list.moderation-policy';

describe('RuleListModerationPolicy', () => {
  it('allows everything by default', () => {
    expect(new RuleListModerationPolicy().review('see https://evil.example spam')).toEqual({
      action: 'allow',
    });
  });

  it('masks whole words case-insensitively, not parts of words', () => {
    const policy = new RuleListModerationPolicy({ words: ['spam'] });
    expect(policy.review('SPAM and spammer')).toEqual({
      action: 'mask',
      text: '**** and spammer',
      rules: ['word:spam'],
    });
  });

  it('masks regex matches and names the pattern by index', () => {
    const policy = new RuleListModerationPolicy({ patterns: ['\\d{4}-\\d{4}'] });
    expect(policy.review('card 1234-5678')).toEqual({
      action: 'mask',
      text: 'card *********',
      rules: ['pattern:0'],
    });
  });

  it('blocks links except to allowed hosts and their subdomains', () => {
    const policy = new RuleListModerationPolicy({
      blockLinks: true,
      allowedHosts: ['example.com'],
      mode: 'reject',
    });
    expect(policy.review('https://help.example.com/x')).toEqual({ action: 'allow' });
    expect(policy.review('go to www.evil.test now')).toEqual({ action: 'reject', rules: ['link'] });
  });

  it('rejects in reject mode with every rule that fired', () => {
    const policy = new RuleListModerationPolicy({ words: ['foo', 'bar'], mode: 'reject' });
    expect(policy.review('foo bar baz')).toEqual({
      action: 'reject',
      rules: ['word:foo', 'word:bar'],
    });
  });
});
