import { subjectOf, type Fact } from './fact';
import { latestGroups, presenceSlices } from './agent-presence';
import { foldConsultation, type ConsultationTimeline } from './consultation-timeline';
import { conversionObservations } from './conversion';
import { buckets } from './metrics-buckets';
import { compareText } from './fact-order';
import { checkQuery } from './metrics-query';
import { matchesFilters, toRows } from './metrics-rows';
import type { ComputeMetrics, FactReader, MetricsQuery, MetricsReport } from './metrics.types';
import type { PresenceSlice } from './observation';

function bySubject(facts: readonly Fact[]): Map<string, Fact[]> {
  const grouped = new Map<string, Fact[]>();
  for (const fact of facts) {
    const own = grouped.get(fact.subject);
    if (own === undefined) grouped.set(fact.subject, [fact]);
    else own.push(fact);
  }
  return grouped;
}

/** Subjects per `find` call: keeps SQL adapters under their bound-parameter limits. */
const SUBJECTS_PER_FIND = 500;

async function findOf(
  reader: FactReader,
  subjects: readonly string[],
  kinds?: string[],
): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (let i = 0; i < subjects.length; i += SUBJECTS_PER_FIND) {
    const chunk = subjects.slice(i, i + SUBJECTS_PER_FIND);
    facts.push(
      ...(await reader.find(
        kinds === undefined ? { subjects: chunk } : { subjects: chunk, kinds },
      )),
    );
  }
  return facts;
}

/**
 * The metrics of `query` from the facts (definitions: `docs/metrics.md`). Every figure falls
 * into the bucket of the fact that stopped its clock (conversions: of the opening), so only
 * consultations with a fact in [from, to) can contribute; their whole history is folded.
 * Deterministic: the same facts in any arrival order give the same report.
 *
 * @throws DomainError `invalid_command` for a bad range, zone, window or calendar
 */
export const computeMetrics: ComputeMetrics = async (
  reader: FactReader,
  query: MetricsQuery,
): Promise<MetricsReport> => {
  const { fromMs, toMs, from, to, zone, openTime } = checkQuery(query);
  const b = buckets(query.bucket, zone);

  const subjects = await reader.subjects({ subjectPrefix: 'consultation:', from, to });
  const facts = await findOf(reader, subjects);
  const timelines: ConsultationTimeline[] = [...bySubject(facts).entries()]
    .sort(([a], [c]) => compareText(a, c))
    .map(([subject, own]) => foldConsultation(subject.slice('consultation:'.length), own, openTime))
    // A consultation whose opening was never seen has no domain: it is left out.
    .filter((timeline) => timeline.openedAt !== null);

  const customers = [...new Set(timelines.map((t) => t.customerId ?? ''))].sort();
  const customerFacts = await findOf(
    reader,
    customers.map((id) => subjectOf('customer', id)),
    ['consultation', 'order'],
  );
  const inRange = [
    ...timelines.flatMap((t) => t.observations),
    ...conversionObservations(timelines, customerFacts, query.conversionWindowMs),
  ].filter((o) => o.at >= fromMs && o.at < toMs && matchesFilters(query, o));

  return {
    query,
    rows: toRows(query, b, inRange, await presence(reader, query, { fromMs, toMs, to }, b)),
  };
};

/** Online/held slices of the agents the filters allow (none under a domain filter). */
async function presence(
  reader: FactReader,
  query: MetricsQuery,
  { fromMs, toMs, to }: { fromMs: number; toMs: number; to: string },
  b: ReturnType<typeof buckets>,
): Promise<PresenceSlice[]> {
  if (query.domain !== undefined) return [];
  const agentFacts = await reader.find({ subjectPrefix: 'agent:', to });
  const slices: PresenceSlice[] = [];
  for (const [subject, own] of [...bySubject(agentFacts).entries()].sort(([a], [c]) =>
    compareText(a, c),
  )) {
    const agentId = subject.slice('agent:'.length);
    if (query.agentId !== undefined && agentId !== query.agentId) continue;
    if (query.group !== undefined && !latestGroups(own).includes(query.group)) continue;
    slices.push(...presenceSlices(agentId, own, fromMs, toMs, b));
  }
  return slices;
}
