import type { MessageView, RestClient, SwitchboardClient } from '@switchboard/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

const PAGE = 30;
/** A typing indicator dies on its own if its "stopped" event is lost. */
const TYPING_TTL_MS = 6_000;

interface ConversationInfo {
  readonly lastSeq: number;
  readonly closed: boolean;
  readonly readBy: Readonly<Record<string, number>>;
}

export interface ConversationModel {
  /** Messages in seq order, each seq once (history pages, sync and pushes are merged by seq). */
  readonly messages: readonly MessageView[];
  readonly hasOlder: boolean;
  readonly loading: boolean;
  readonly closed: boolean;
  /** Other users typing now. */
  readonly typing: readonly string[];
  /** The furthest seq each other member has read. */
  readonly readBy: Readonly<Record<string, number>>;
  readonly error: string | undefined;
  loadOlder(): Promise<void>;
  /** Marks everything shown as read (no call when nothing new). */
  markRead(): void;
}

/**
 * One conversation as a screen shows it: the latest history page over REST, then every message
 * the SDK delivers (sync after reconnect, live pushes), typing and read events.
 */
export function useConversation(
  client: SwitchboardClient,
  api: RestClient,
  conversationId: string,
  me: string,
): ConversationModel {
  const [bySeq, setBySeq] = useState<ReadonlyMap<number, MessageView>>(new Map());
  const [hasOlder, setHasOlder] = useState(false);
  const [loading, setLoading] = useState(true);
  const [info, setInfo] = useState<ConversationInfo>({ lastSeq: 0, closed: false, readBy: {} });
  const [typing, setTyping] = useState<Readonly<Record<string, number>>>({});
  const [error, setError] = useState<string>();
  const readSent = useRef(0);

  const merge = useCallback((messages: readonly MessageView[]) => {
    if (messages.length === 0) return;
    setBySeq((current) => {
      const next = new Map(current);
      for (const m of messages) next.set(m.seq, m);
      return next;
    });
  }, []);

  useEffect(() => {
    let live = true;
    setBySeq(new Map());
    setLoading(true);
    setError(undefined);
    readSent.current = 0;
    const path = `/v1/conversations/${conversationId}`;
    void (async () => {
      try {
        const view = await api.call<ConversationInfo>('GET', `${path}?wait=5`);
        const page = await api.call<{ messages: MessageView[]; more: boolean }>(
          'GET',
          `${path}/messages?beforeSeq=${view.lastSeq + 1}&limit=${PAGE}`,
        );
        if (!live) return;
        setInfo(view);
        merge(page.messages);
        setHasOlder(page.more);
        await client.follow(conversationId);
      } catch (cause) {
        if (live) setError(cause instanceof Error ? cause.message : String(cause));
      } finally {
        if (live) setLoading(false);
      }
    })();
    const offs = [
      client.on('message', (m) => m.conversationId === conversationId && merge([m])),
      client.on('typing', (e) => {
        if (e.conversationId !== conversationId || e.userId === me) return;
        setTyping((t) => ({ ...t, [e.userId]: e.typing ? Date.now() + TYPING_TTL_MS : 0 }));
      }),
      client.on('read', (e) => {
        if (e.conversationId !== conversationId) return;
        setInfo((i) => ({
          ...i,
          readBy: { ...i.readBy, [e.userId]: Math.max(i.readBy[e.userId] ?? 0, e.seq) },
        }));
      }),
    ];
    // Expires indicators whose "stopped" was lost; renders only when one expires.
    const sweep = setInterval(() => setTyping(expireTyping), 1_000);
    return () => {
      live = false;
      offs.forEach((off) => off());
      clearInterval(sweep);
    };
  }, [client, api, conversationId, me, merge]);

  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);

  const loadOlder = useCallback(async () => {
    const first = messages[0]?.seq;
    if (first === undefined || first <= 1) return setHasOlder(false);
    const page = await api.call<{ messages: MessageView[]; more: boolean }>(
      'GET',
      `/v1/conversations/${conversationId}/messages?beforeSeq=${first}&limit=${PAGE}`,
    );
    merge(page.messages);
    setHasOlder(page.more);
  }, [api, conversationId, merge, messages]);

  const last = messages[messages.length - 1]?.seq ?? 0;
  const markRead = useCallback(() => {
    if (last <= readSent.current) return;
    readSent.current = last;
    client.markRead(conversationId, last).catch(() => (readSent.current = 0));
  }, [client, conversationId, last]);

  const now = Date.now();
  const others = Object.fromEntries(Object.entries(info.readBy).filter(([u]) => u !== me));
  return {
    messages,
    hasOlder,
    loading,
    closed: info.closed,
    typing: Object.entries(typing)
      .filter(([, until]) => until > now)
      .map(([userId]) => userId),
    readBy: others,
    error,
    loadOlder,
    markRead,
  };
}

function expireTyping(typing: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  const now = Date.now();
  const expired = Object.keys(typing).filter((u) => typing[u]! !== 0 && typing[u]! <= now);
  if (expired.length === 0) return typing;
  const next = { ...typing };
  for (const userId of expired) next[userId] = 0;
  return next;
}
