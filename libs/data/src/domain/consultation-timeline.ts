import type { ConsultationFactData, Fact } from './fact';
import { compareByTime, compareText } from './fact-order';
import type { Observation, ObservationMetric } from './observation';

/** Business open time between two instants (ms); absent when the query has no calendar. */
export type OpenTime = (fromMs: number, toMs: number) => number;

/** What one consultation's facts give: its figures and what conversion needs to attribute. */
export interface ConsultationTimeline {
  readonly consultationId: string;
  readonly customerId: string | null;
  readonly openedAt: number | null;
  readonly openedGroup: string | null;
  readonly domain: string;
  /** Every assignment, in time order. */
  readonly assignments: readonly { readonly agentId: string; readonly at: number }[];
  readonly observations: readonly Observation[];
}

const STAFF = new Set(['agent', 'supervisor', 'admin']);

/** Consultation facts before messages at the same instant (a reopen precedes its message). */
function compareTimeline(a: Fact, b: Fact): number {
  const rank = (fact: Fact): number => (fact.kind === 'message' ? 1 : 0);
  return compareText(a.at, b.at) || rank(a) - rank(b) || compareByTime(a, b);
}

/**
 * Folds one consultation's facts (any order) into its figures; definitions in
 * `docs/metrics.md`. Every clock is (re)started and stopped by facts only, never by "now".
 */
export function foldConsultation(
  consultationId: string,
  facts: readonly Fact[],
  openTime?: OpenTime,
): ConsultationTimeline {
  let customerId: string | null = null;
  let openedAt: number | null = null;
  let openedGroup: string | null = null;
  let domain = '';
  let group: string | null = null;
  let everAssigned = false;
  let episodeStart: number | null = null;
  let answered = false;
  let pendingSince: number | null = null;
  let runStart: number | null = null;
  let segment: { agentId: string; start: number } | null = null;
  const assignments: { agentId: string; at: number }[] = [];
  const observations: Observation[] = [];

  const observe = (metric: ObservationMetric, at: number, value: number, agentId: string | null) =>
    observations.push({ metric, at, value, agentId, group, domain });
  const endSegment = (at: number): void => {
    if (segment !== null) observe('handle', at, at - segment.start, segment.agentId);
    segment = null;
  };
  const endEpisode = (): void => {
    episodeStart = null;
    pendingSince = null;
    runStart = null;
  };

  for (const fact of [...facts].sort(compareTimeline)) {
    const at = Date.parse(fact.at);
    const data = fact.data as never;
    switch (fact.kind) {
      case 'opened': {
        const opened: ConsultationFactData['opened'] = data;
        ({ customerId, domain, group } = opened);
        openedAt = at;
        openedGroup = group;
        episodeStart = at;
        answered = false;
        pendingSince = at;
        observe('opened', at, 1, null);
        break;
      }
      case 'assigned': {
        const assigned: ConsultationFactData['assigned'] = data;
        endSegment(at);
        group = assigned.group ?? group;
        if (pendingSince !== null) observe('queueWait', at, at - pendingSince, assigned.agentId);
        pendingSince = null;
        observe('assigned', at, 1, assigned.agentId);
        segment = { agentId: assigned.agentId, start: at };
        assignments.push({ agentId: assigned.agentId, at });
        everAssigned = true;
        break;
      }
      case 'requeued':
        endSegment(at);
        pendingSince = at;
        break;
      case 'transferred': {
        const transferred: ConsultationFactData['transferred'] = data;
        observe('transfers', at, 1, transferred.fromAgentId);
        endSegment(at);
        if (transferred.toGroup !== null) {
          group = transferred.toGroup;
          pendingSince = at;
        }
        break;
      }
      case 'resolved': {
        const resolved: ConsultationFactData['resolved'] = data;
        observe('resolved', at, 1, resolved.agentId);
        if (episodeStart !== null) observe('resolution', at, at - episodeStart, resolved.agentId);
        endSegment(at);
        endEpisode();
        break;
      }
      case 'reopened': {
        const reopened: ConsultationFactData['reopened'] = data;
        observe('reopened', at, 1, reopened.previousAgentId);
        endSegment(at);
        episodeStart = at;
        answered = false;
        pendingSince = at;
        runStart = null;
        break;
      }
      case 'closed': {
        const closed: ConsultationFactData['closed'] = data;
        observe('closed', at, 1, closed.agentId);
        if (!everAssigned) observe('abandoned', at, 1, null);
        endSegment(at);
        endEpisode();
        break;
      }
      case 'rated': {
        const rated: ConsultationFactData['rated'] = data;
        const last = assignments.at(-1);
        observe('rating', at, rated.score, last === undefined ? null : last.agentId);
        break;
      }
      case 'message': {
        const message: ConsultationFactData['message'] = data;
        if (message.internal || episodeStart === null) break;
        if (message.senderRole === 'customer') {
          runStart ??= at;
        } else if (STAFF.has(message.senderRole)) {
          if (!answered) {
            observe('firstResponse', at, at - episodeStart, message.senderId);
            if (openTime !== undefined) {
              observe('firstResponseBusiness', at, openTime(episodeStart, at), message.senderId);
            }
            answered = true;
          }
          if (runStart !== null) observe('response', at, at - runStart, message.senderId);
          runStart = null;
        }
        break;
      }
      default:
        break;
    }
  }
  return { consultationId, customerId, openedAt, openedGroup, domain, assignments, observations };
}
