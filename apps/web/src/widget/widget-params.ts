/** Names the server accepts for a domain or group (as OpenConsultationBody validates them). */
const NAME = /^[A-Za-z0-9._:-]{1,64}$/;

/** What the embedding site tells the widget, in the iframe's query string. */
export interface WidgetParams {
  /** The business domain the consultation is for (routing, FAQ, auto replies). */
  readonly domain: string;
  /** The agent group to route to; absent: the domain's default routing. */
  readonly group?: string;
  /** Shown as the heading; default "Customer service". */
  readonly title: string;
  /**
   * Development only: the customer id to sign in as (a test or a demo site knows its user).
   * Absent: an anonymous id remembered in this browser.
   */
  readonly customer?: string;
}

/** Unknown or malformed parameters are dropped rather than sent for the server to refuse. */
export function readWidgetParams(search: string): WidgetParams {
  const query = new URLSearchParams(search);
  const name = (key: string) => {
    const value = query.get(key)?.trim();
    return value !== undefined && NAME.test(value) ? value : undefined;
  };
  const title = query.get('title')?.trim().slice(0, 80);
  const group = name('group');
  const customer = name('customer');
  return {
    domain: name('domain') ?? 'general',
    title: title === undefined || title === '' ? 'Customer service' : title,
    ...(group === undefined ? {} : { group }),
    ...(customer === undefined ? {} : { customer }),
  };
}
