import { type ConversationMember, type ParticipantRole } from '@switchboard/contracts';
import { type ConversationEvent, isStaff } from '../../domain';
import { type ConversationView } from '../views/message.view';

/**
 * What the read model keeps per conversation. Message bodies stay in the stream: per message
 * only its stream revision, sender and internal flag (a few dozen bytes), so history reads
 * the stream at the right revisions and unread counts need no read at all. Holding bodies
 * would cost memory for every conversation ever active, for data the stream already serves.
 */
export class ConversationRecord {
  kind: ConversationView['kind'] = 'direct';
  domain: string | null = null;
  consultationId: string | null = null;
  createdBy = '';
  closed = false;
  /** Global position of the last message (or of the creation): orders lists by activity. */
  lastActivity = 0;
  readonly members = new Map<string, ConversationMember>();
  /** Index seq - 1 → stream revision / sender / internal. */
  readonly revisions: number[] = [];
  readonly senders: string[] = [];
  readonly internal: boolean[] = [];
  /** userId → deviceId → seq. */
  readonly cursors = new Map<string, Map<string, number>>();

  constructor(readonly id: string) {}

  get lastSeq(): number {
    return this.revisions.length;
  }

  /** Applies one event at `revision`; events are applied once, in stream order. */
  apply(event: ConversationEvent, revision: number, position: number): void {
    if (event.type === 'MessagePosted' || event.type === 'ConversationCreated') {
      this.lastActivity = position;
    }
    switch (event.type) {
      case 'ConversationCreated':
        this.kind = event.data.kind;
        this.domain = event.data.domain;
        this.consultationId = event.data.consultationId;
        this.createdBy = event.data.createdBy;
        for (const m of event.data.members) this.members.set(m.userId, m);
        return;
      case 'MemberAdded':
        this.members.set(event.data.member.userId, event.data.member);
        return;
      case 'MemberRemoved':
        this.members.delete(event.data.userId);
        return;
      case 'MessagePosted': {
        const i = event.data.seq - 1;
        this.revisions[i] = revision;
        this.senders[i] = event.data.senderId;
        this.internal[i] = event.data.internal;
        return;
      }
      case 'ReadCursorMoved': {
        const devices = this.cursors.get(event.data.userId) ?? new Map<string, number>();
        devices.set(
          event.data.deviceId,
          Math.max(devices.get(event.data.deviceId) ?? 0, event.data.seq),
        );
        this.cursors.set(event.data.userId, devices);
        return;
      }
      case 'ConversationClosed':
        this.closed = true;
        return;
      case 'MessageRejected':
        return;
    }
  }

  /** Whether a reader with `role` may see message `seq` (customers never see internal notes). */
  visible(seq: number, role: ParticipantRole): boolean {
    return this.internal[seq - 1] !== true || isStaff(role);
  }

  /**
   * The last seq `role` may see: for a customer, internal notes at the end do not count, or a
   * client syncing "up to lastSeq" would chase messages it can never get.
   */
  lastVisibleSeq(role: ParticipantRole): number {
    let seq = this.lastSeq;
    while (seq > 0 && !this.visible(seq, role)) seq--;
    return seq;
  }

  /** Messages after the user's furthest cursor on any device, not their own, visible to them. */
  unread(userId: string, role: ParticipantRole): number {
    const devices = this.cursors.get(userId);
    const from = devices === undefined ? 0 : Math.max(0, ...devices.values());
    let count = 0;
    for (let seq = from + 1; seq <= this.lastSeq; seq++) {
      if (this.senders[seq - 1] !== userId && this.visible(seq, role)) count++;
    }
    return count;
  }

  /** Each reader's furthest read seq over their devices (read receipts after a reload). */
  readBy(): Record<string, number> {
    const readBy: Record<string, number> = {};
    for (const [userId, devices] of this.cursors) readBy[userId] = Math.max(0, ...devices.values());
    return readBy;
  }

  /** The conversation as a reader with `role` sees it (default: staff, everything). */
  view(role: ParticipantRole = 'admin'): ConversationView {
    return {
      id: this.id,
      kind: this.kind,
      domain: this.domain,
      consultationId: this.consultationId,
      members: [...this.members.values()],
      lastSeq: this.lastVisibleSeq(role),
      closed: this.closed,
      readBy: this.readBy(),
    };
  }
}
