import type { WidgetParams } from './widget-params';

/**
 * The consultation this browser has open, per customer and routing target, in localStorage:
 * a reload (or the iframe coming back on another page of the site) returns to it.
 */
export class SavedConsultation {
  private readonly key: string;

  constructor(customerId: string, params: Pick<WidgetParams, 'domain' | 'group'>) {
    this.key = `switchboard.widget.consultation.${customerId}.${params.domain}.${params.group ?? ''}`;
  }

  get(): string | undefined {
    return localStorage.getItem(this.key) ?? undefined;
  }

  set(consultationId: string): void {
    localStorage.setItem(this.key, consultationId);
  }

  forget(): void {
    localStorage.removeItem(this.key);
  }
}
