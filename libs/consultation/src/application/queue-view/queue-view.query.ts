import { Query } from '@nestjs/cqrs';
import { type QueueView } from '../consultations-view/queue.view';

/** One queue by key, or every queue when `key` is undefined. */
export class QueueViewQuery extends Query<QueueView[]> {
  constructor(readonly key?: string) {
    super();
  }
}
