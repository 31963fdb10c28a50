import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type FaqState } from '../../domain/faq';
import { ChangeFaqCommand } from './change-faq.command';
import { FaqCommandRunner } from './faq-command.runner';

@CommandHandler(ChangeFaqCommand)
export class ChangeFaqHandler implements ICommandHandler<ChangeFaqCommand> {
  constructor(private readonly runner: FaqCommandRunner) {}

  execute({ context, domain, change }: ChangeFaqCommand): Promise<FaqState> {
    return this.runner.run(domain, context, change);
  }
}
