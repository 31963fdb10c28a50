import { CONSULTATION_ID, CONVERSATION_ID } from './fake-handlers';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

/** A valid payload per event, and for each field values that make the payload invalid. */
interface EventSpec {
  readonly valid: () => Record<string, unknown>;
  readonly required: readonly string[];
  readonly invalid: Readonly<Record<string, readonly unknown[]>>;
}

const NOT_A_STRING = [0, 42, -1.5, true, false, [], ['x'], {}, { a: 1 }];
const REQUIRED_STRING = [...NOT_A_STRING, null, '', 'x'.repeat(200_000)];
const OPTIONAL_STRING = [...NOT_A_STRING, '', 'y'.repeat(50_000)];
const BAD_ID = [...REQUIRED_STRING, 'has space', '../etc/passwd', 'é', 'x'.repeat(129)];
const NOT_AN_INT = ['3', '', null, true, 1.5, -1, [], {}, Number.MAX_VALUE * -1];

export const EVENT_SPECS: Readonly<Record<string, EventSpec>> = {
  'message.send': {
    valid: () => ({
      conversationId: CONVERSATION_ID,
      clientMsgId: 'c-1',
      type: 'text',
      text: 'hi',
    }),
    required: ['conversationId', 'clientMsgId', 'type', 'text'],
    invalid: {
      conversationId: BAD_ID,
      clientMsgId: BAD_ID,
      type: ['video', 'TEXT', 1, null, true, [], {}],
      text: [...REQUIRED_STRING, 'z'.repeat(10_001)],
      attachmentId: ['not-a-uuid', 1, null, [], {}],
      internal: ['true', 1, 0, [], {}, 'false'],
    },
  },
  'conversation.sync': {
    valid: () => ({ cursors: [{ conversationId: CONVERSATION_ID, afterSeq: 0 }] }),
    required: ['cursors'],
    invalid: {
      cursors: [
        [],
        'x',
        {},
        null,
        [1, 2],
        [null],
        [{}],
        [{ conversationId: 'c' }],
        [{ conversationId: 'c', afterSeq: -1 }],
        [{ conversationId: 'c', afterSeq: '1' }],
        [{ conversationId: 'c', afterSeq: 0, extra: 1 }],
        [{ conversationId: 'bad id', afterSeq: 0 }],
        Array.from({ length: 201 }, () => ({ conversationId: 'c', afterSeq: 0 })),
      ],
      limit: [0, 1001, 1.5, '10', true, [], {}, -5],
    },
  },
  'conversation.read': {
    valid: () => ({ conversationId: CONVERSATION_ID, seq: 1 }),
    required: ['conversationId', 'seq'],
    invalid: { conversationId: BAD_ID, seq: NOT_AN_INT },
  },
  typing: {
    valid: () => ({ conversationId: CONVERSATION_ID, typing: true }),
    required: ['conversationId', 'typing'],
    invalid: { conversationId: BAD_ID, typing: ['true', 1, 0, null, [], {}, 'yes'] },
  },
  'consultation.open': {
    valid: () => ({ domain: 'travel' }),
    required: ['domain'],
    invalid: {
      domain: [...REQUIRED_STRING, 'has space', 'x'.repeat(65)],
      group: [...OPTIONAL_STRING, 'has space', 'x'.repeat(65)],
      subject: [...OPTIONAL_STRING, 's'.repeat(201)],
      context: ['x', 1, true, [], [1], { a: { b: 1 } }, { a: [1] }, { a: 'v'.repeat(1001) }],
    },
  },
  'consultation.rate': {
    valid: () => ({ consultationId: CONSULTATION_ID, score: 5 }),
    required: ['consultationId', 'score'],
    invalid: {
      consultationId: [...REQUIRED_STRING, 'not-a-uuid'],
      score: [0, 6, 2.5, '5', null, true, [], {}, -1],
      comment: [...OPTIONAL_STRING, 'c'.repeat(2001)],
    },
  },
};

export const CLIENT_EVENTS = Object.keys(EVENT_SPECS);

/** Any JSON value, nested up to `depth`. */
export function junk(random: Random, depth = 3): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.5) {
    return pick(random, [
      null,
      true,
      false,
      0,
      -0.5,
      1e308,
      Math.floor(random() * 1e9),
      '',
      'ü\u0000\ud83d\ude00',
      'x'.repeat(Math.floor(random() * 300)),
    ]);
  }
  if (roll < 0.75)
    return Array.from({ length: Math.floor(random() * 4) }, () => junk(random, depth - 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--)
    object[`k${Math.floor(random() * 99)}`] = junk(random, depth - 1);
  return object;
}

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { nest: value };
  return value;
}

/** The argument list of one malformed emit (without the ack): never a valid payload. */
export function malformedArgs(random: Random, event: string): unknown[] {
  const spec = EVENT_SPECS[event];
  const payload = spec.valid();
  switch (Math.floor(random() * 10)) {
    case 0:
      return [junk(random)];
    case 1:
      return [];
    case 2:
      return [payload, junk(random)];
    case 3: {
      const field = pick(random, spec.required);
      delete payload[field];
      return [payload];
    }
    case 4:
      return [{ ...payload, [`extra${Math.floor(random() * 9)}`]: junk(random) }];
    case 5:
      return [{ ...payload, junk: deep(10 + Math.floor(random() * 200)) }];
    case 6:
      return [JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(payload).slice(1)}`)];
    case 7:
      return [new Uint8Array(Array.from({ length: 16 }, () => Math.floor(random() * 256)))];
    default: {
      const field = pick(random, Object.keys(spec.invalid));
      return [{ ...payload, [field]: pick(random, spec.invalid[field]) }];
    }
  }
}
