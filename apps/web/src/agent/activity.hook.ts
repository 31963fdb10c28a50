import type { MessageView, RestClient, SwitchboardClient } from '@switchboard/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Activity, ConsultationView } from './agent.types';

const SEED_PAGE = 20;
const UNREAD_DEBOUNCE_MS = 300;
const UNREAD_REFRESH_MS = 10_000;

type ActivityMap = Readonly<Record<string, Activity & { readonly lastSeq: number }>>;

/** Folds one message into a conversation's activity (messages at or below lastSeq are old). */
function fold(map: ActivityMap, m: MessageView): ActivityMap {
  const current = map[m.conversationId] ?? { lastSeq: 0, lastCustomerSeq: 0 };
  if (m.seq <= current.lastSeq) return map;
  let next = { ...current, lastSeq: m.seq };
  if (m.senderRole === 'customer') {
    next = {
      ...next,
      waitingSince: current.waitingSince ?? m.createdAt,
      lastCustomerText: m.text ?? current.lastCustomerText,
      lastCustomerSeq: m.seq,
    };
  } else if (m.senderRole !== 'system' && !m.internal) {
    next = { ...next, waitingSince: undefined };
  }
  return { ...map, [m.conversationId]: next };
}

/**
 * Per conversation of my consultations: how long the customer has been waiting for an answer,
 * their latest text (for suggestions) and the unread count (the server's, re-read whenever a
 * message arrives). Seeded from the latest history page, then live from the SDK.
 */
export function useActivity(
  client: SwitchboardClient,
  api: RestClient,
  mine: readonly ConsultationView[],
): { activity: ActivityMap; unread: Readonly<Record<string, number>> } {
  const [activity, setActivity] = useState<ActivityMap>({});
  const [unread, setUnread] = useState<Readonly<Record<string, number>>>({});
  const seeded = useRef(new Set<string>());

  const readUnread = useCallback(() => {
    client.conversations().then(
      (list) => setUnread(Object.fromEntries(list.map((c) => [c.id, c.unread ?? 0]))),
      () => undefined,
    );
  }, [client]);

  useEffect(() => {
    for (const c of mine) {
      if (seeded.current.has(c.conversationId)) continue;
      seeded.current.add(c.conversationId);
      const path = `/v1/conversations/${c.conversationId}/messages`;
      api
        .call<{ messages: MessageView[] }>('GET', `${path}?beforeSeq=999999999&limit=${SEED_PAGE}`)
        .then(
          ({ messages }) => setActivity((map) => messages.reduce(fold, map)),
          () => seeded.current.delete(c.conversationId),
        );
    }
  }, [api, mine]);

  useEffect(() => {
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('message', (m) => {
      setActivity((map) => fold(map, m));
      clearTimeout(debounce);
      debounce = setTimeout(readUnread, UNREAD_DEBOUNCE_MS);
    });
    readUnread();
    const poll = setInterval(readUnread, UNREAD_REFRESH_MS);
    return () => {
      off();
      clearTimeout(debounce);
      clearInterval(poll);
    };
  }, [client, readUnread]);

  return { activity, unread };
}
