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
      {suggestions.faq.length > 0 && (
        <>
          <h3>FAQ answers</h3>
          <ul>
            {suggestions.faq.map((f) => (
              <li key={f.entryId}>
                <button
                  type="button"
                  class="suggestion"
                  title={f.answer}
                  onClick={() => props.onPick(f.answer)}
                >
                  FAQ: {f.question}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {replies.length > 0 && (
        <>
          <h3>Canned replies</h3>
          <ul>
            {replies.map((r) => (
              <li key={r.replyId}>
                <button
                  type="button"
                  class="suggestion"
                  title={r.text}
                  onClick={() => props.onPick(r.text)}
                >
                  Reply: {r.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
