import { Inject, Injectable } from '@nestjs/common';
import { type ConversationView } from '@switchboard/conversation/application/views/message.view';
import { type EdgeCaller, EDGE_SERVICES, type EdgeServices } from '../edge/edge-services.port';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

const MAX_ENTRIES = 10_000;

interface Entry {
  readonly conversation: ConversationView;
  readonly expiresAt: number;
}

/**
 * Conversations as a given user may see them, reused for `membersCacheMs`: typing indicators
 * arrive several times a second and need only the member list and the caller's right to see it.
 * Keyed by (user, conversation) so the cache never authorises one user with another's answer.
 * A removed member may keep typing into the conversation for up to that long; typing is
 * ephemeral, so that is accepted.
 */
@Injectable()
export class MembersCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @Inject(EDGE_SERVICES) private readonly edge: EdgeServices,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  async conversation(caller: EdgeCaller, conversationId: string): Promise<ConversationView> {
    const actor = caller.user;
    const key = `${actor.userId}\u0000${actor.role}\u0000${conversationId}`;
    const now = performance.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.expiresAt > now) return cached.conversation;
    const conversation = await this.edge.getConversation(caller, conversationId);
    if (this.entries.size >= MAX_ENTRIES) this.evictExpired(now);
    // Still full of live entries: drop the oldest rather than grow without bound.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(key);
    this.entries.set(key, { conversation, expiresAt: now + this.options.membersCacheMs });
    return conversation;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
