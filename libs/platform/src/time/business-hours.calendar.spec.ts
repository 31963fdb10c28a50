import { describe, expect, it } from 'vitest';
import {
  type BusinessHours,
  formatInZone,
  isOpen,
  nextOpening,
  openMillisBetween,
  validateBusinessHours,
} from './business-hours.calendar';

const nineToFive = [{ open: '09:00', close: '17:00' }];
const berlin: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: [
    { date: '2026-12-25' },
    { date: '2026-12-24', hours: [{ open: '09:00', close: '12:00' }] },
  ],
};
// Sunday 2026-03-29 is the DST change in Berlin: 02:00 CET → 03:00 CEST.
const dstNight: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: { sun: [{ open: '01:00', close: '04:00' }] },
  holidays: [],
};
// An overnight shift is two intervals: Fri 22:00–24:00 and Sat 00:00–02:00.
const overnight: BusinessHours = {
  timezone: 'UTC',
  weekly: { fri: [{ open: '22:00', close: '24:00' }], sat: [{ open: '00:00', close: '02:00' }] },
  holidays: [],
};
const tokyo: BusinessHours = {
  timezone: 'Asia/Tokyo',
  weekly: { mon: nineToFive },
  holidays: [],
};

describe('isOpen', () => {
  it.each([
    ['Berlin Mon 09:00 CET = 08:00Z, opening inclusive', berlin, '2026-03-23T08:00:00Z', true],
    ['Berlin Mon 08:59 CET', berlin, '2026-03-23T07:59:00Z', false],
    ['Berlin Mon 17:00 CET, closing exclusive', berlin, '2026-03-23T16:00:00Z', false],
    ['Berlin Mon 09:00 CEST after DST = 07:00Z', berlin, '2026-03-30T07:00:00Z', true],
    ['Berlin Mon 08:00Z after DST = 10:00 CEST', berlin, '2026-03-30T08:00:00Z', true],
    ['Berlin Mon 06:30Z after DST = 08:30 CEST', berlin, '2026-03-30T06:30:00Z', false],
    ['Berlin Saturday', berlin, '2026-03-28T12:00:00Z', false],
    ['holiday closed all day (Fri 25 Dec)', berlin, '2026-12-25T10:00:00Z', false],
    ['holiday partial hours, inside (Thu 24 Dec 11:00 CET)', berlin, '2026-12-24T10:00:00Z', true],
    ['holiday partial hours, after (Thu 24 Dec 13:00 CET)', berlin, '2026-12-24T12:00:00Z', false],
    ['DST night 01:30 CET', dstNight, '2026-03-29T00:30:00Z', true],
    ['DST night 03:30 CEST (01:30Z)', dstNight, '2026-03-29T01:30:00Z', true],
    ['DST night 04:00 CEST (02:00Z), only 2 real hours', dstNight, '2026-03-29T02:00:00Z', false],
    ['overnight Fri 23:00', overnight, '2026-12-04T23:00:00Z', true],
    ['overnight Sat 01:59', overnight, '2026-12-05T01:59:00Z', true],
    ['overnight Sat 02:00', overnight, '2026-12-05T02:00:00Z', false],
    ['Tokyo Mon 09:00 JST = Mon 00:00Z', tokyo, '2026-12-07T00:00:00Z', true],
    ['Tokyo Mon 09:00Z = 18:00 JST', tokyo, '2026-12-07T09:00:00Z', false],
  ] as const)('%s → %s', (_name, hours, at, open) => {
    expect(isOpen(hours, new Date(at))).toBe(open);
  });
});

describe('nextOpening', () => {
  it.each([
    ['open now: the instant itself', berlin, '2026-03-23T10:00:00Z', '2026-03-23T10:00:00.000Z'],
    ['Mon evening → Tue 09:00 CET', berlin, '2026-03-23T18:00:00Z', '2026-03-24T08:00:00.000Z'],
    [
      'weekend across DST → Mon 09:00 CEST',
      berlin,
      '2026-03-28T12:00:00Z',
      '2026-03-30T07:00:00.000Z',
    ],
    [
      'Christmas Eve afternoon → Mon 28 Dec',
      berlin,
      '2026-12-24T12:00:00Z',
      '2026-12-28T08:00:00.000Z',
    ],
    [
      'Christmas Eve early → 09:00 same day',
      berlin,
      '2026-12-24T06:00:00Z',
      '2026-12-24T08:00:00.000Z',
    ],
    ['Sat 03:00 → Fri 22:00', overnight, '2026-12-05T03:00:00Z', '2026-12-11T22:00:00.000Z'],
    [
      'Tokyo Mon 10:00Z → next Mon 09:00 JST',
      tokyo,
      '2026-12-07T10:00:00Z',
      '2026-12-14T00:00:00.000Z',
    ],
  ] as const)('%s', (_name, hours, at, expected) => {
    expect(nextOpening(hours, new Date(at))?.toISOString()).toBe(expected);
  });

  it('is null when never open', () => {
    const never: BusinessHours = { timezone: 'UTC', weekly: {}, holidays: [] };
    expect(nextOpening(never, new Date('2026-12-04T10:00:00Z'))).toBeNull();
  });

  it('formats in the schedule zone', () => {
    expect(formatInZone(berlin, new Date('2026-03-30T07:00:00Z'))).toBe(
      'Mon, 30 Mar 2026, 09:00 (Europe/Berlin)',
    );
  });
});

describe('validateBusinessHours', () => {
  const base = { timezone: 'UTC', weekly: {}, holidays: [] };
  it.each([
    ['INVALID_TIMEZONE', { ...base, timezone: 'Mars/Olympus' }],
    ['INVALID_TIME', { ...base, weekly: { mon: [{ open: '9:00', close: '17:00' }] } }],
    ['INVALID_TIME', { ...base, weekly: { mon: [{ open: '09:00', close: '24:30' }] } }],
    ['INVALID_INTERVAL', { ...base, weekly: { mon: [{ open: '22:00', close: '02:00' }] } }],
    ['INVALID_INTERVAL', { ...base, weekly: { mon: [{ open: '09:00', close: '09:00' }] } }],
    [
      'OVERLAPPING_INTERVALS',
      {
        ...base,
        weekly: {
          mon: [
            { open: '12:00', close: '18:00' },
            { open: '09:00', close: '12:30' },
          ],
        },
      },
    ],
    ['INVALID_DATE', { ...base, holidays: [{ date: '2026-02-30' }] }],
    ['DUPLICATE_HOLIDAY', { ...base, holidays: [{ date: '2026-12-25' }, { date: '2026-12-25' }] }],
    ['INVALID_WEEKDAY', { ...base, weekly: { funday: [] } }],
  ])('%s', (code, hours) => {
    expect(() => validateBusinessHours(hours as BusinessHours)).toThrow(
      expect.objectContaining({ code, kind: 'invalid_command' }),
    );
  });

  it('accepts adjacent intervals and a close at 24:00', () => {
    const hours = {
      ...base,
      weekly: {
        mon: [
          { open: '09:00', close: '12:00' },
          { open: '12:00', close: '24:00' },
        ],
      },
    };
    expect(() => validateBusinessHours(hours)).not.toThrow();
  });
});

describe('openMillisBetween', () => {
  const minutes = 60_000;
  it.each([
    ['inside one interval', berlin, '2026-03-23T09:00:00Z', '2026-03-23T10:00:00Z', 60],
    // Fri 16:50 CET → Mon 09:05 CEST: 10 min on Friday, 5 on Monday, the DST weekend closed.
    ['over a weekend and DST', berlin, '2026-03-27T15:50:00Z', '2026-03-30T07:05:00Z', 15],
    // Thu 24 Dec 11:00 (open until 12:00) → Mon 28 Dec 09:30, the 25th a closed holiday.
    ['over holidays', berlin, '2026-12-24T10:00:00Z', '2026-12-28T08:30:00Z', 90],
    ['wholly outside open hours', berlin, '2026-03-28T08:00:00Z', '2026-03-29T20:00:00Z', 0],
    ['overnight shift', overnight, '2026-12-04T21:00:00Z', '2026-12-05T03:00:00Z', 240],
    ['to before from', berlin, '2026-03-23T10:00:00Z', '2026-03-23T09:00:00Z', 0],
  ] as const)('%s', (_name, hours, from, to, expected) => {
    expect(openMillisBetween(hours, new Date(from), new Date(to))).toBe(expected * minutes);
  });
});
