import { Inject, Injectable } from '@nestjs/common';
import { type MessagePostedData, type ParticipantRole } from '@switchboard/contracts';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { conversationStream } from '../../domain';
import { type MessageView } from '../views/message.view';
import { type ConversationRecord } from './conversation.record';
import { ConversationsProjection } from './conversations.projection';

const SCAN_PAGE = 200;

export interface MessagePage {
  readonly messages: readonly MessageView[];
  readonly more: boolean;
}

export interface PageRequest {
  readonly afterSeq?: number;
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** The client's view of a stored message: absent optional fields are left out, not null. */
export function toMessageView(data: MessagePostedData): MessageView {
  return {
    id: data.messageId,
    conversationId: data.conversationId,
    seq: data.seq,
    senderId: data.senderId,
    senderRole: data.senderRole,
    clientMsgId: data.clientMsgId,
    type: data.type,
    ...(data.text === null ? {} : { text: data.text }),
    ...(data.attachment === null ? {} : { attachment: data.attachment }),
    internal: data.internal,
    createdAt: data.createdAt,
  };
}

/**
 * Reads message bodies from the conversation's stream at the revisions the read model indexed:
 * one range read per page, whatever other events (read cursors, members) sit in between.
 */
@Injectable()
export class MessageReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: ConversationsProjection,
  ) {}

  /**
   * Messages visible to `role` after `afterSeq` (ascending, the first `limit`), or before
   * `beforeSeq` (the last `limit` before it, still ascending).
   */
  async page(
    record: ConversationRecord,
    role: ParticipantRole,
    request: PageRequest,
  ): Promise<MessagePage> {
    const low = Math.max(0, request.afterSeq ?? 0);
    const high = Math.min(record.lastSeq + 1, request.beforeSeq ?? Number.MAX_SAFE_INTEGER);
    const seqs: number[] = [];
    let more = false;
    if (request.beforeSeq === undefined) {
      for (let seq = low + 1; seq < high; seq++) {
        if (!record.visible(seq, role)) continue;
        if (seqs.length === request.limit) {
          more = true;
          break;
        }
        seqs.push(seq);
      }
    } else {
      for (let seq = high - 1; seq > low; seq--) {
        if (!record.visible(seq, role)) continue;
        if (seqs.length === request.limit) {
          more = true;
          break;
        }
        seqs.unshift(seq);
      }
    }
    return { messages: await this.read(record, seqs), more };
  }

  /** The messages with these seqs (ascending), read in one range. */
  async read(record: ConversationRecord, seqs: readonly number[]): Promise<MessageView[]> {
    if (seqs.length === 0) return [];
    const from = record.revisions[seqs[0] - 1];
    const to = record.revisions[seqs[seqs.length - 1] - 1];
    const wanted = new Set(seqs);
    const events = await this.store.readStream(conversationStream(record.id), {
      fromRevision: from,
      maxCount: to - from + 1,
    });
    return events
      .filter((e) => e.type === 'MessagePosted' && wanted.has((e.data as MessagePostedData).seq))
      .map((e) => toMessageView(e.data as MessagePostedData));
  }

  /**
   * One message by seq, even when the read model has not applied it yet (a repeated send racing
   * the first): from the index when it has, else scanning the stream back from its end, where a
   * retried message almost always is.
   */
  async bySeq(conversationId: string, seq: number): Promise<MessageView | undefined> {
    const record = this.projection.get(conversationId);
    if (record !== undefined && seq <= record.lastSeq) return (await this.read(record, [seq]))[0];
    const stream = conversationStream(conversationId);
    let from: number | 'end' = 'end';
    for (;;) {
      const page = await this.store.readStream(stream, {
        direction: 'backwards',
        fromRevision: from,
        maxCount: SCAN_PAGE,
      });
      const hit = page.find(
        (e) => e.type === 'MessagePosted' && (e.data as MessagePostedData).seq === seq,
      );
      if (hit !== undefined) return toMessageView(hit.data as MessagePostedData);
      const last = page[page.length - 1];
      if (page.length < SCAN_PAGE || last.revision === 0) return undefined;
      from = last.revision - 1;
    }
  }
}
