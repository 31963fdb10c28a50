import { type PositionChange } from '@switchboard/routing';
import { type RuntimeLogger } from '../process-managers/runtime.logger';

/**
 * Told whenever waiting customers' queue positions change (newcomers included), head first.
 * The gateway implements it to send `consultation.updated {id, state: 'pending', queuePosition}`.
 * Must not throw; it is called from the drain and is not awaited.
 */
export interface QueuePositionNotifier {
  positionsChanged(queueKey: string, changes: readonly PositionChange[]): void;
}

/** DI token for the QueuePositionNotifier port. */
export const QUEUE_POSITION_NOTIFIER = Symbol('QueuePositionNotifier');

/** Default until the gateway provides one: a debug line per change batch. */
export class LoggingQueuePositionNotifier implements QueuePositionNotifier {
  constructor(private readonly logger: RuntimeLogger) {}

  positionsChanged(queueKey: string, changes: readonly PositionChange[]): void {
    if (changes.length === 0) return;
    const head = changes.slice(0, 5).map((c) => `${c.consultationId}→${c.position}`);
    const more = changes.length > 5 ? ` (+${changes.length - 5})` : '';
    this.logger.debug(`queue ${queueKey}: ${head.join(', ')}${more}`);
  }
}
