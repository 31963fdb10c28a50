import { Inject, Injectable } from '@nestjs/common';
import { FAQ_SETTINGS, type FaqSettings } from './faq.settings';
import { type FaqMatch } from './faq-domain.index';
import { FaqIndex } from './faq.index';

/**
 * The automatic answer to a customer's first message: the best FAQ match when its confidence
 * reaches the threshold, else null (an agent answers). For the messaging context to call when
 * the first customer message of a consultation arrives.
 */
@Injectable()
export class FaqAutoAnswer {
  constructor(
    private readonly index: FaqIndex,
    @Inject(FAQ_SETTINGS) private readonly settings: FaqSettings,
  ) {}

  get threshold(): number {
    return this.settings.autoAnswerThreshold;
  }

  answerFor(domain: string, text: string): FaqMatch | null {
    const [best] = this.index.match(domain, text, 1);
    return best !== undefined && best.confidence >= this.threshold ? best : null;
  }
}
