import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InspectionService, type InspectionView } from './inspection.service';
import { GetInspectionQuery, GetScorecardQuery } from './quality-read.queries';
import { ScorecardService, type ScorecardTemplate } from './scorecard.service';

/** Folds the template's stream. */
@QueryHandler(GetScorecardQuery)
export class GetScorecardHandler implements IQueryHandler<GetScorecardQuery> {
  constructor(private readonly scorecards: ScorecardService) {}

  execute({ templateId }: GetScorecardQuery): Promise<ScorecardTemplate> {
    return this.scorecards.load(templateId);
  }
}

/** Folds the consultation's inspection stream. */
@QueryHandler(GetInspectionQuery)
export class GetInspectionHandler implements IQueryHandler<GetInspectionQuery> {
  constructor(private readonly inspections: InspectionService) {}

  execute({ consultationId }: GetInspectionQuery): Promise<InspectionView> {
    return this.inspections.get(consultationId);
  }
}
