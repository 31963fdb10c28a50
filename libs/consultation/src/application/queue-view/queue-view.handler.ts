import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queueNotFound } from '../command-context/access.errors';
import { ConsultationsProjection } from '../consultations-view/consultations.projection';
import { type QueueView, toQueueView } from '../consultations-view/queue.view';
import { QueueViewQuery } from './queue-view.query';

/** Live view of the `queue-<key>` streams: who waits, in which order, since when. */
@QueryHandler(QueueViewQuery)
export class QueueViewHandler implements IQueryHandler<QueueViewQuery> {
  constructor(private readonly view: ConsultationsProjection) {}

  async execute({ key }: QueueViewQuery): Promise<QueueView[]> {
    if (key === undefined) {
      return this.view.listQueues().map((queue) => toQueueView(queue.key, queue.state));
    }
    const state = this.view.queue(key);
    if (state === undefined) throw queueNotFound(key);
    return [toQueueView(key, state)];
  }
}
