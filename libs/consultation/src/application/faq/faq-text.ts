import MiniSearch, { type Options } from 'minisearch';

// Words that carry no topic: a question's "how do I ... my" must not count as a match.
const STOP_WORDS = new Set(
  (
    'a about above after again all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing done down during each few for from further ' +
    'get got had has have having he hello her here hers hi how i if in into is it its just me ' +
    'more most my myself need no nor not now of off on once only or other our ours out over own ' +
    'please same she should so some such than thank thanks that the their them then there these ' +
    'they this those through to too under until up very want was we were what when where which ' +
    'while who whom why will with would you your yours'
  ).split(' '),
);

/**
 * Lower case, stop words out, and the commonest English endings folded ("bags" → "bag",
 * "booked" → "book") so that an inflected word meets its index term. Ranking itself is
 * MiniSearch's (BM25 with fuzzy and prefix matching); this only decides what a term is.
 */
export function processTerm(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The distinct index terms of a text, as MiniSearch will look them up. */
export function queryTerms(text: string): readonly string[] {
  const terms = tokenize(text)
    .map(processTerm)
    .filter((term): term is string => term !== null);
  return [...new Set(terms)];
}

/** Index options shared by FAQ entries and canned replies: same terms, same fuzziness. */
export function indexOptions<T>(
  fields: readonly string[],
  storeFields: readonly string[],
  idField: string,
  boost: Readonly<Record<string, number>>,
): Options<T> {
  return {
    idField,
    fields: [...fields],
    storeFields: [...storeFields],
    processTerm,
    stringifyField: (value: unknown) => (Array.isArray(value) ? value.join(' \n ') : String(value)),
    searchOptions: { boost: { ...boost }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  };
}
