import { deciderSpec } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { type ConversationCommand } from './conversation.commands';
import { conversationDecider } from './conversation.decider';
import { type ConversationEvent } from './conversation.events';
import {
  actor,
  AT,
  CONVERSATION_ID,
  created,
  member,
  meta,
  post,
  posted,
  SYSTEM,
} from './test/conversation.fixtures';
import { fold } from '@switchboard/es-core';

const alice = actor('alice');
const bob = actor('bob');
const agent = actor('agent-1', 'agent');
const supervisor = actor('sup-1', 'supervisor');
const direct = created('direct', [member('alice'), member('bob')]);
const group = created('group', [
  member('owner', 'customer', 'owner'),
  member('admin', 'customer', 'admin'),
  member('alice'),
]);
const consultation = created('consultation', [member('alice')]);
const closed: ConversationEvent = {
  type: 'ConversationClosed',
  version: 1,
  data: { conversationId: CONVERSATION_ID, reason: 'resolved', at: AT },
};
const agentAdded: ConversationEvent = {
  type: 'MemberAdded',
  version: 1,
  data: {
    conversationId: CONVERSATION_ID,
    member: member('agent-1', 'agent'),
    by: 'system',
    at: AT,
  },
};

const create = (
  kind: 'direct' | 'group' | 'consultation',
  members: ReturnType<typeof member>[],
  by = alice,
): ConversationCommand => ({
  type: 'create',
  data: {
    conversationId: CONVERSATION_ID,
    kind,
    members,
    domain: null,
    consultationId: kind === 'consultation' ? 'cons-1' : null,
    actor: by,
  },
  metadata: meta(),
});
const add = (userId: string, by = actor('owner'), role: 'customer' | 'agent' = 'customer') =>
  ({
    type: 'addMember',
    data: { conversationId: CONVERSATION_ID, userId, role, memberRole: 'member', actor: by },
    metadata: meta(),
  }) as const;
const remove = (userId: string, by = actor('owner')) =>
  ({
    type: 'removeMember',
    data: { conversationId: CONVERSATION_ID, userId, actor: by },
    metadata: meta(),
  }) as const;
const read = (by: typeof alice, seq: number, deviceId = 'phone') =>
  ({
    type: 'markRead',
    data: { conversationId: CONVERSATION_ID, deviceId, seq, actor: by },
    metadata: meta(),
  }) as const;

describe('conversation decider: rejections', () => {
  const twoHundred = Array.from({ length: 501 }, (_, i) =>
    member(`u-${i}`, 'customer', i === 0 ? 'owner' : 'member'),
  );
  const full = created('group', twoHundred.slice(0, 500));
  const cases: [string, readonly ConversationEvent[], ConversationCommand, string][] = [
    [
      'create twice',
      [direct],
      create('direct', [member('alice'), member('bob')]),
      'CONVERSATION_EXISTS',
    ],
    [
      'direct with 3 members',
      [],
      create('direct', [member('a'), member('b'), member('c')]),
      'CONVERSATION_MEMBERS_INVALID',
    ],
    ['direct with 1 member', [], create('direct', [member('a')]), 'CONVERSATION_MEMBERS_INVALID'],
    [
      'group with no owner',
      [],
      create('group', [member('a'), member('b')]),
      'CONVERSATION_MEMBERS_INVALID',
    ],
    [
      'group with two owners',
      [],
      create('group', [member('a', 'customer', 'owner'), member('b', 'customer', 'owner')]),
      'CONVERSATION_MEMBERS_INVALID',
    ],
    ['group over 500', [], create('group', twoHundred), 'CONVERSATION_MEMBERS_INVALID'],
    [
      'duplicate member',
      [],
      create('group', [member('a', 'customer', 'owner'), member('a')]),
      'CONVERSATION_MEMBERS_INVALID',
    ],
    ['post to unknown', [], post(alice, 'c1'), 'CONVERSATION_NOT_FOUND'],
    ['post by non-member', [direct], post(actor('mallory'), 'c1'), 'NOT_A_MEMBER'],
    ['supervisor posts as non-member', [direct], post(supervisor, 'c1'), 'NOT_A_MEMBER'],
    ['post after close', [consultation, closed], post(alice, 'c1'), 'CONVERSATION_CLOSED'],
    [
      'customer internal note',
      [direct],
      post(alice, 'c1', { internal: true }),
      'INTERNAL_NOTE_FORBIDDEN',
    ],
    [
      'user posts a system message',
      [direct],
      post(alice, 'c1', { type: 'system' }),
      'MESSAGE_INVALID',
    ],
    [
      'image without attachment',
      [direct],
      post(alice, 'c1', { type: 'image', text: null }),
      'ATTACHMENT_INVALID',
    ],
    [
      'image that is a pdf',
      [direct],
      post(alice, 'c1', {
        type: 'image',
        text: null,
        attachment: { id: 'u1', name: 'a.pdf', mime: 'application/pdf', size: 3 },
      }),
      'ATTACHMENT_INVALID',
    ],
    [
      'text with attachment',
      [direct],
      post(alice, 'c1', { attachment: { id: 'u1', name: 'a.png', mime: 'image/png', size: 3 } }),
      'ATTACHMENT_INVALID',
    ],
    ['add to direct', [direct], add('carol', alice), 'CONVERSATION_KIND_FORBIDS'],
    ['remove from direct', [direct], remove('bob', alice), 'CONVERSATION_KIND_FORBIDS'],
    ['plain member adds', [group], add('carol', alice), 'CONVERSATION_FORBIDDEN'],
    ['plain member removes another', [group], remove('admin', alice), 'CONVERSATION_FORBIDDEN'],
    ['owner removed', [group], remove('owner', actor('admin')), 'CONVERSATION_MEMBERS_INVALID'],
    ['group full', [full], add('extra', actor('u-0')), 'CONVERSATION_GROUP_FULL'],
    ['user adds to consultation', [consultation], add('bob', alice), 'CONVERSATION_FORBIDDEN'],
    ['read unknown', [], read(alice, 0), 'CONVERSATION_NOT_FOUND'],
    ['read by non-member', [direct], read(actor('mallory'), 0), 'NOT_A_MEMBER'],
    [
      'read past the last seq',
      [direct, posted(bob, 'c1', 1, [])],
      read(alice, 2),
      'READ_SEQ_INVALID',
    ],
    ['read negative', [direct], read(alice, -1), 'READ_SEQ_INVALID'],
    [
      'close a group',
      [group],
      {
        type: 'close',
        data: { conversationId: CONVERSATION_ID, reason: 'x', actor: SYSTEM },
        metadata: meta(),
      },
      'CONVERSATION_KIND_FORBIDS',
    ],
    [
      'user closes a consultation',
      [consultation],
      {
        type: 'close',
        data: { conversationId: CONVERSATION_ID, reason: 'x', actor: alice },
        metadata: meta(),
      },
      'CONVERSATION_FORBIDDEN',
    ],
    [
      'close unknown',
      [],
      {
        type: 'close',
        data: { conversationId: CONVERSATION_ID, reason: 'x', actor: SYSTEM },
        metadata: meta(),
      },
      'CONVERSATION_NOT_FOUND',
    ],
  ];
  it.each(cases)('%s', (_name, given, when, code) => {
    deciderSpec(conversationDecider).given(given).when(when).thenFails(code);
  });
});

describe('conversation decider: events', () => {
  it('creates a direct conversation with its members', () => {
    const members = [member('alice'), member('bob')];
    deciderSpec(conversationDecider).given([]).when(create('direct', members)).then([direct]);
  });

  it('numbers messages densely, whatever events interleave', () => {
    const history = [direct, posted(alice, 'c1', 1, [{ userId: 'bob', role: 'customer' }])];
    const readEvent = fold(conversationDecider, history);
    expect(readEvent.lastSeq).toBe(1);
    deciderSpec(conversationDecider)
      .given([...history, ...conversationDecider.decide(read(bob, 1), readEvent)])
      .when(post(bob, 'c1'))
      .then([posted(bob, 'c1', 2, [{ userId: 'alice', role: 'customer' }])]);
  });

  it('answers a repeated (sender, clientMsgId) with no events, even after close', () => {
    const history = [consultation, posted(alice, 'c1', 1, [], { kind: 'consultation' }), closed];
    deciderSpec(conversationDecider).given(history).when(post(alice, 'c1')).then([]);
    // Another sender may use the same clientMsgId.
    deciderSpec(conversationDecider)
      .given([direct, posted(alice, 'c1', 1, [])])
      .when(post(bob, 'c1'))
      .then([posted(bob, 'c1', 2, [{ userId: 'alice', role: 'customer' }])]);
  });

  it('keeps customers out of the recipients of an internal note, and keeps internal true', () => {
    const history = [
      consultation,
      agentAdded,
      { ...agentAdded, data: { ...agentAdded.data, member: member('agent-2', 'agent') } },
    ];
    const [event] = conversationDecider.decide(
      post(agent, 'n1', { internal: true }),
      fold(conversationDecider, history),
    );
    expect(event.data).toMatchObject({
      internal: true,
      recipients: [{ userId: 'agent-2', role: 'agent' }],
    });
  });

  it('records a rejection and posts masked text', () => {
    deciderSpec(conversationDecider)
      .given([direct])
      .when(post(alice, 'c1', { moderation: { action: 'reject', rules: ['word:spam'] } }))
      .then([
        {
          type: 'MessageRejected',
          version: 1,
          data: {
            conversationId: CONVERSATION_ID,
            senderId: 'alice',
            clientMsgId: 'c1',
            rules: ['word:spam'],
            at: AT,
          },
        },
      ]);
    deciderSpec(conversationDecider)
      .given([direct])
      .when(
        post(alice, 'c1', { moderation: { action: 'mask', text: '*****', rules: ['word:hello'] } }),
      )
      .then([
        posted(alice, 'c1', 1, [{ userId: 'bob', role: 'customer' }], {
          text: '*****',
          masked: true,
        }),
      ]);
  });

  it('lets the system post system messages in a consultation without being a member', () => {
    const [event] = conversationDecider.decide(
      post(SYSTEM, 'auto-reply:e1', { type: 'system', text: 'Welcome' }),
      fold(conversationDecider, [consultation]),
    );
    expect(event.data).toMatchObject({
      seq: 1,
      senderRole: 'system',
      type: 'system',
      recipients: [{ userId: 'alice' }],
    });
  });

  it('moves a read cursor forward only, per device', () => {
    const history = [direct, posted(bob, 'c1', 1, []), posted(bob, 'c2', 2, [])];
    const moved = conversationDecider.decide(read(alice, 2), fold(conversationDecider, history));
    expect(moved).toHaveLength(1);
    expect(moved[0].data).toMatchObject({
      userId: 'alice',
      deviceId: 'phone',
      seq: 2,
      recipients: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    deciderSpec(conversationDecider)
      .given([...history, ...moved])
      .when(read(alice, 1))
      .then([]);
    deciderSpec(conversationDecider)
      .given([...history, ...moved])
      .when(read(alice, 2))
      .then([]);
    const laptop = conversationDecider.decide(
      read(alice, 1, 'laptop'),
      fold(conversationDecider, [...history, ...moved]),
    );
    expect(laptop).toHaveLength(1);
  });

  it('manages group members: owner/admin add and remove, anyone leaves, adding twice is a no-op', () => {
    expect(
      conversationDecider.decide(
        add('carol', actor('admin')),
        fold(conversationDecider, [group]),
      )[0].data,
    ).toMatchObject({ member: member('carol'), by: 'admin' });
    deciderSpec(conversationDecider)
      .given([group])
      .when(add('alice', actor('owner')))
      .then([]);
    expect(
      conversationDecider.decide(remove('alice', alice), fold(conversationDecider, [group]))[0]
        .type,
    ).toBe('MemberRemoved');
    deciderSpec(conversationDecider).given([group]).when(remove('nobody')).then([]);
  });

  it('follows the consultation: system adds the agent, closes once', () => {
    expect(
      conversationDecider.decide(
        add('agent-1', SYSTEM, 'agent'),
        fold(conversationDecider, [consultation]),
      )[0],
    ).toEqual(agentAdded);
    const close = {
      type: 'close',
      data: { conversationId: CONVERSATION_ID, reason: 'resolved', actor: SYSTEM },
      metadata: meta(),
    } as const;
    deciderSpec(conversationDecider).given([consultation]).when(close).then([closed]);
    deciderSpec(conversationDecider).given([consultation, closed]).when(close).then([]);
  });
});
