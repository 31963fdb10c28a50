import { Query } from '@nestjs/cqrs';
import { type InspectionView } from './inspection.service';
import { type ScorecardTemplate } from './scorecard.service';

/** A scorecard template at its current version; 404 when unknown. */
export class GetScorecardQuery extends Query<ScorecardTemplate> {
  constructor(readonly templateId: string) {
    super();
  }
}

/** Scorecards applied to a consultation and its automatic checks; 404 when unknown. */
export class GetInspectionQuery extends Query<InspectionView> {
  constructor(readonly consultationId: string) {
    super();
  }
}
