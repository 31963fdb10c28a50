import { formatMoment, formatScore, NO_FIGURE } from './format';
import type { AppliedScorecard, AutomaticChecks, Inspection } from './supervisor.types';
import { ColumnHeads } from './table-parts.view';

const yesNo = (value: boolean | null) => (value === null ? NO_FIGURE : value ? 'Yes' : 'No');

/** What the inspection of one consultation holds: automatic checks, then scorecards applied. */
export function InspectionView({ inspection }: { inspection: Inspection | undefined }) {
  if (inspection === undefined) return <p aria-busy="true">Loading the inspection…</p>;
  return (
    <>
      <section aria-labelledby="checks-title">
        <h4 id="checks-title">Automatic checks</h4>
        {inspection.automaticChecks.length === 0 ? (
          <p class="hint">Not recorded yet: the checks follow the close asynchronously.</p>
        ) : (
          inspection.automaticChecks.map((checks) => (
            <ChecksTable key={checks.at} checks={checks} />
          ))
        )}
      </section>
      <section aria-labelledby="scorecards-title">
        <h4 id="scorecards-title">Scorecards</h4>
        {inspection.scorecards.length === 0 && <p class="hint">No scorecard applied yet.</p>}
        {inspection.scorecards.map((card) => (
          <ScorecardTable key={card.templateId} card={card} />
        ))}
      </section>
    </>
  );
}

function ChecksTable({ checks }: { checks: AutomaticChecks }) {
  const banned =
    checks.bannedWordsAbsent === 'not_available'
      ? 'Not available'
      : yesNo(checks.bannedWordsAbsent);
  const rows: [string, string][] = [
    [
      'First response',
      checks.firstResponseSeconds === null ? 'None' : `${checks.firstResponseSeconds} s`,
    ],
    [`Within the ${checks.slaSeconds} s SLA`, yesNo(checks.firstResponseWithinSla)],
    ['Greeting sent', yesNo(checks.greetingSent)],
    ['No banned words', banned],
  ];
  return (
    <table class="grid checks">
      <caption>Automatic checks at the close ({formatMoment(checks.at)})</caption>
      <tbody>
        {rows.map(([check, result]) => (
          <tr key={check}>
            <th scope="row">{check}</th>
            <td data-result={result}>{result}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScorecardTable({ card }: { card: AppliedScorecard }) {
  return (
    <table class="grid scorecard">
      <caption>
        Scorecard {card.templateId} (version {card.templateVersion}) by {card.inspectorId}:{' '}
        <strong data-total>{formatScore(card.total)} / 100</strong>
      </caption>
      <ColumnHeads names={['Criterion', 'Weight', 'Points', 'Note']} />
      <tbody>
        {card.criteria.map((c) => (
          <tr key={c.criterionId}>
            <th scope="row">{c.label}</th>
            <td class="num">{c.weight}</td>
            <td class="num">
              {c.points} / {c.maxPoints}
            </td>
            <td>{c.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
