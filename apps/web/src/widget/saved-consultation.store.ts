import type { WidgetParams } from './widget-params';
import { widgetStorage } from './widget-storage';

/**
 * The consultation this browser has open, per customer and routing target (widget storage):
 * a reload (or the iframe coming back on another page of the site) returns to it.
 */
export class SavedConsultation {
  private readonly key: string;

  constructor(customerId: string, params: Pick<WidgetParams, 'domain' | 'group'>) {
    this.key = `switchboard.widget.consultation.${customerId}.${params.domain}.${params.group ?? ''}`;
  }

  get(): string | undefined {
    return widgetStorage.getItem(this.key) ?? undefined;
  }

  set(consultationId: string): void {
    widgetStorage.setItem(this.key, consultationId);
  }

  forget(): void {
    widgetStorage.removeItem(this.key);
  }
}
