import { Command } from '@nestjs/cqrs';
import { type FaqChange, type FaqState } from '../../domain/faq';
import { type RequestContext } from '@switchboard/platform';

/** Any change to a domain's FAQ or canned replies; answers with the FAQ after it. */
export class ChangeFaqCommand extends Command<FaqState> {
  constructor(
    readonly context: RequestContext,
    readonly domain: string,
    readonly change: FaqChange,
  ) {
    super();
  }
}
