import type { RestClient } from '@switchboard/client';
import { useEffect, useState } from 'preact/hooks';
import type { CannedReply, ConsultationView, Suggestions } from './agent.types';

const MAX_TEXT = 2000;

/**
 * FAQ answers and canned replies ranked for the customer's latest message (the server ranks
 * them for the agent holding the consultation); before any customer text, the domain's canned
 * replies. Choosing one puts its text in the composer, for the agent to edit and send.
 */
export function SuggestionsPanel(props: {
  api: RestClient;
  consultation: ConsultationView;
  customerText: string | undefined;
  onPick: (text: string) => void;
}) {
  const { api, consultation, customerText } = props;
  const [suggestions, setSuggestions] = useState<Suggestions>({ faq: [], cannedReplies: [] });
  useEffect(() => {
    let live = true;
    const text = customerText?.trim().slice(0, MAX_TEXT);
    const load: Promise<Suggestions> =
      text !== undefined && text !== ''
        ? api.call<Suggestions>(
            'GET',
            `/v1/consultations/${consultation.id}/suggestions?text=${encodeURIComponent(text)}`,
          )
        : api
            .call<CannedReply[]>(
              'GET',
              `/v1/canned-replies/${encodeURIComponent(consultation.domain)}`,
            )
            .then((cannedReplies) => ({ faq: [], cannedReplies }));
    load.then(
      (found) => live && setSuggestions(found),
      () => live && setSuggestions({ faq: [], cannedReplies: [] }),
    );
    return () => {
      live = false;
    };
  }, [api, consultation.id, consultation.domain, customerText]);

  const canned = suggestions.cannedReplies.filter((r) => r.score === undefined || r.score > 0);
  const replies = canned.length > 0 ? canned : suggestions.cannedReplies;
  if (suggestions.faq.length === 0 && replies.length === 0) return null;
  return (
    <section class="suggestions" aria-label="Suggested replies">
      <SuggestionList
        heading="FAQ answers"
        items={suggestions.faq.map((f) => ({
          key: f.entryId,
          label: `FAQ: ${f.question}`,
          text: f.answer,
        }))}
        onPick={props.onPick}
      />
      <SuggestionList
        heading="Canned replies"
        items={replies.map((r) => ({ key: r.replyId, label: `Reply: ${r.title}`, text: r.text }))}
        onPick={props.onPick}
      />
    </section>
  );
}

/** One kind of suggestion (nothing when there is none): each button shows its text on hover. */
function SuggestionList({
  heading,
  items,
  onPick,
}: {
  heading: string;
  items: readonly { key: string; label: string; text: string }[];
  onPick: (text: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              class="suggestion"
              title={item.text}
              onClick={() => onPick(item.text)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
