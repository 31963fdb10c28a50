import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';

export interface MarkReadResult {
  readonly conversationId: string;
  /** The cursor after this call (a cursor never moves back). */
  readonly seq: number;
}

/** Moves the actor's read cursor for one device; members only; seq must exist. */
export class MarkReadCommand extends Command<MarkReadResult> {
  constructor(
    readonly context: RequestContext,
    readonly conversationId: string,
    readonly deviceId: string,
    readonly seq: number,
  ) {
    super();
  }
}
