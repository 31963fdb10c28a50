import { describe, expect, it } from 'vitest';
import { computeAutomaticChecks, type HistoryEvent, WordListBannedWordsCheck } from './index';

const banned = new WordListBannedWordsCheck(['idiot', 'Stupid']);
const history = (firstAgentReplyAt: string | null, extra: HistoryEvent[] = []): HistoryEvent[] => [
  { type: 'ConsultationOpened', data: { at: '2026-01-05T10:00:00.000Z' } },
  { type: 'ConsultationAssigned', data: { at: '2026-01-05T10:00:05.000Z' } },
  { type: 'ConsultationAccepted', data: { at: '2026-01-05T10:00:10.000Z' } },
  {
    type: 'ConsultationActivityRecorded',
    data: { by: 'customer', at: '2026-01-05T10:00:11.000Z' },
  },
  ...(firstAgentReplyAt === null
    ? []
    : [{ type: 'ConsultationActivityRecorded', data: { by: 'agent', at: firstAgentReplyAt } }]),
  ...extra,
  { type: 'ConsultationClosed', data: { at: '2026-01-05T10:30:00.000Z' } },
  // After the close: must not count (a rebuild must give the numbers recorded at the close).
  { type: 'ConsultationActivityRecorded', data: { by: 'agent', at: '2026-01-05T10:31:00.000Z' } },
];

describe('automatic checks', () => {
  it('first response 60 s after accept is within a 60 s SLA', () => {
    expect(computeAutomaticChecks(history('2026-01-05T10:01:10.000Z'), 60, banned, null)).toEqual({
      slaSeconds: 60,
      firstResponseSeconds: 60,
      firstResponseWithinSla: true,
      greetingSent: false,
      bannedWordsAbsent: 'not_available',
    });
  });

  it('61 s is not; no agent reply at all is not; never assigned is null', () => {
    const late = computeAutomaticChecks(history('2026-01-05T10:01:11.000Z'), 60, banned, null);
    expect(late).toMatchObject({ firstResponseSeconds: 61, firstResponseWithinSla: false });
    const silent = computeAutomaticChecks(history(null), 60, banned, null);
    expect(silent).toMatchObject({ firstResponseSeconds: null, firstResponseWithinSla: false });
    const unassigned = computeAutomaticChecks(
      [{ type: 'ConsultationClosed', data: { at: 'T' } }],
      60,
      banned,
      null,
    );
    expect(unassigned).toMatchObject({ firstResponseWithinSla: null });
  });

  it('greeting: an AutoReplyIssued greeting before the close', () => {
    const greeted = history(null, [
      { type: 'AutoReplyIssued', data: { kind: 'greeting', at: 'T' } },
    ]);
    expect(computeAutomaticChecks(greeted, 60, banned, null).greetingSent).toBe(true);
    const queued = history(null, [{ type: 'AutoReplyIssued', data: { kind: 'queue', at: 'T' } }]);
    expect(computeAutomaticChecks(queued, 60, banned, null).greetingSent).toBe(false);
  });

  it('banned words on given texts: whole words, any case', () => {
    const check = (texts: string[]) =>
      computeAutomaticChecks(history(null), 60, banned, texts).bannedWordsAbsent;
    expect(check(['Hello, how can I help?', 'Stupidity is not a banned word'])).toBe(true);
    expect(check(['You are an IDIOT!'])).toBe(false);
    expect(check(['that was stupid'])).toBe(false);
    expect(check([])).toBe(true);
  });
});
