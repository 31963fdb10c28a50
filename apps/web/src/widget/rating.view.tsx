import { useEffect, useRef, useState } from 'preact/hooks';

const SCORES = [1, 2, 3, 4, 5] as const;
const WORDS = ['', 'Very poor', 'Poor', 'Okay', 'Good', 'Excellent'];
const MAX_COMMENT = 2000;

/**
 * Rating 1–5 with an optional comment, once the consultation is resolved or closed. Scores
 * are toggle buttons (not radios) so Tab and Enter alone can pick one.
 */
export function RatingForm(props: { onRate: (score: number, comment: string) => Promise<void> }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (score === 0) return setError('Choose a score from 1 to 5 first.');
    setBusy(true);
    setError(undefined);
    try {
      await props.onRate(score, comment);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="rating" onSubmit={submit} aria-labelledby="rating-title">
      <h2 id="rating-title">How did we do?</h2>
      <div class="scores" role="group" aria-label="Score from 1 (very poor) to 5 (excellent)">
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            class="score"
            aria-pressed={score === n}
            aria-label={`${n} of 5: ${WORDS[n]}`}
            onClick={() => setScore(n)}
          >
            {n <= score ? '★' : '☆'}
            <span aria-hidden="true" class="score-number">
              {n}
            </span>
          </button>
        ))}
      </div>
      <label>
        Comment (optional)
        <textarea
          rows={2}
          maxLength={MAX_COMMENT}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        Send rating
      </button>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** After the rating: thanks (focused, so it is read out) and a way to start a new chat. */
export function ThankYou(props: { score: number; onStartOver: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="thank-you" aria-labelledby="thank-you-title" data-rated={props.score}>
      <h2 id="thank-you-title" tabIndex={-1} ref={heading}>
        Thank you for your feedback!
      </h2>
      <p>
        You rated this chat {props.score} of 5. Need anything else?{' '}
        <button type="button" class="secondary" onClick={props.onStartOver}>
          Start a new chat
        </button>
      </p>
    </section>
  );
}
