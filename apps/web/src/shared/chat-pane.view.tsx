import type { MessageView, RestClient, SwitchboardClient } from '@switchboard/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { AttachmentView } from './attachment.view';
import { Composer } from './composer.view';
import { useConversation } from './conversation.hook';

export interface ChatPaneProps {
  readonly client: SwitchboardClient;
  readonly api: RestClient;
  readonly me: string;
  readonly conversationId: string;
  /** Staff: shows the internal-note switch (notes never reach customers). */
  readonly staff?: boolean;
  /** A display name for a user id (default: the id). */
  readonly nameOf?: (userId: string) => string;
  /** Controlled composer text (e.g. a canned reply inserted by the parent). */
  readonly draft?: string;
  readonly onDraftChange?: (text: string) => void;
  /** No composer (resolved or closed consultation). */
  readonly readOnly?: boolean;
  readonly children?: ComponentChildren;
}

/** The chat: history scrolling back by seq, live messages, typing, read receipts, composer. */
export function ChatPane(props: ChatPaneProps) {
  const { client, api, me, conversationId } = props;
  const model = useConversation(client, api, conversationId, me);
  const list = useRef<HTMLDivElement>(null);
  const nameOf = props.nameOf ?? ((userId: string) => userId);
  const lastSeq = model.messages[model.messages.length - 1]?.seq ?? 0;

  // Only a new last message scrolls to the bottom (not every render: a reader scrolled back
  // through history stays where they are while typing indicators come and go).
  const { markRead } = model;
  useEffect(() => {
    const el = list.current;
    if (el !== null) el.scrollTop = el.scrollHeight;
    if (document.visibilityState === 'visible') markRead();
  }, [lastSeq, markRead]);

  const readUpTo = Math.max(0, ...Object.values(model.readBy));
  return (
    <section class="chat-pane" aria-label="Conversation">
      {model.hasOlder && (
        <button type="button" class="load-older" onClick={() => void model.loadOlder()}>
          Load earlier messages
        </button>
      )}
      {model.error !== undefined && (
        <p role="alert" class="error">
          {model.error}
        </p>
      )}
      <div class="messages" role="log" aria-label="Messages" aria-live="polite" ref={list}>
        <ol>
          {model.messages.map((m) => (
            <MessageItem
              key={m.seq}
              api={api}
              message={m}
              mine={m.senderId === me}
              read={m.senderId === me && readUpTo >= m.seq}
              name={nameOf(m.senderId)}
            />
          ))}
        </ol>
      </div>
      <p class="typing" aria-live="polite">
        {model.typing.length > 0 && `${model.typing.map(nameOf).join(', ')} is typing…`}
      </p>
      {props.children}
      {!props.readOnly && !model.closed && (
        <Composer
          client={client}
          conversationId={conversationId}
          staff={props.staff === true}
          draft={props.draft}
          onDraftChange={props.onDraftChange}
        />
      )}
    </section>
  );
}

function MessageItem(props: {
  api: RestClient;
  message: MessageView;
  mine: boolean;
  read: boolean;
  name: string;
}) {
  const { message: m } = props;
  const kind = m.type === 'system' ? 'system' : props.mine ? 'mine' : 'theirs';
  const time = new Date(m.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <li class={`message ${kind}${m.internal ? ' internal' : ''}`} data-seq={m.seq}>
      <span class="meta">
        {m.type === 'system' ? 'Switchboard' : props.name}
        {m.internal && <span class="tag">internal note</span>} · <time>{time}</time>
      </span>
      {m.text !== undefined && <p class="text">{m.text}</p>}
      {m.attachment !== undefined && <AttachmentView api={props.api} attachment={m.attachment} />}
      {props.mine && (
        <span class="receipt" data-receipt={props.read ? 'read' : 'sent'}>
          {props.read ? 'Read' : 'Sent'}
        </span>
      )}
    </li>
  );
}
