import { LocalStorageCursorStore, randomUuid, SwitchboardClient } from '@switchboard/client';
import { origin, type Session } from '../shared/session';
import type { WidgetParams } from './widget-params';
import { widgetStorage } from './widget-storage';

const CUSTOMER_KEY = 'switchboard.widget.customer';

/**
 * The one place the widget gets its credentials. Development: a dev token for the customer id
 * the page was given, else for an anonymous id remembered in this browser (a reload stays the
 * same customer; the token itself is simply fetched again). Production replaces this function
 * with a token handed over by the embedding site (its own signed-in user); nothing else changes.
 */
export async function customerSession(params: WidgetParams): Promise<Session> {
  const userId = params.customer ?? rememberedCustomerId();
  const token = await SwitchboardClient.devToken(origin, userId, 'customer');
  return { userId, role: 'customer', token };
}

/**
 * The SDK client, as the shared `clientFor` makes it (same storage keys: a stable device id and
 * the cursors per user, so a reload neither loses nor repeats a message), but on the widget's
 * storage, which also works where a framing site's browser refuses localStorage.
 */
export function customerClient(session: Session): SwitchboardClient {
  return new SwitchboardClient({
    url: origin,
    token: session.token,
    device: 'web',
    deviceId: remembered(`switchboard.device.${session.userId}`, () => `web-${randomUuid()}`),
    // On the memory fallback the cursors last as long as the page, like everything else.
    cursorStore: new LocalStorageCursorStore(
      `switchboard.cursors.${session.userId}`,
      widgetStorage,
    ),
  });
}

function rememberedCustomerId(): string {
  return remembered(CUSTOMER_KEY, () => `visitor-${randomUuid()}`);
}

function remembered(key: string, create: () => string): string {
  const existing = widgetStorage.getItem(key);
  if (existing !== null && existing !== '') return existing;
  const created = create();
  widgetStorage.setItem(key, created);
  return created;
}
