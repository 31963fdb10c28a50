import { randomUuid } from '@switchboard/client';
import { type Session, signIn } from '../shared/session';
import type { WidgetParams } from './widget-params';

const CUSTOMER_KEY = 'switchboard.widget.customer';

/**
 * The one place the widget gets its credentials. Development: a dev token for the customer id
 * the page was given, else for an anonymous id remembered in localStorage (a reload stays the
 * same customer; the token itself is simply fetched again). Production replaces this function
 * with a token handed over by the embedding site (its own signed-in user), nothing else changes.
 */
export async function customerSession(params: WidgetParams): Promise<Session> {
  return signIn('widget', params.customer ?? rememberedCustomerId(), 'customer');
}

function rememberedCustomerId(): string {
  const existing = localStorage.getItem(CUSTOMER_KEY);
  if (existing !== null && existing !== '') return existing;
  const created = `visitor-${randomUuid()}`;
  localStorage.setItem(CUSTOMER_KEY, created);
  return created;
}
