import { FactsBuilder } from './customer-facts.builder';

/**
 * One customer's week, used by the view tests; expected figures in the tests are worked out
 * by hand from this list.
 *
 * K1 (travel)   03-01 09:00 opened; a-1 assigned; customer, agent and an internal note; transfer
 *               a-1 → a-2; customer again; a-2 resolves; the customer closes and rates 5.
 * K2 (shopping) 03-02 10:00 opened; a-3 assigned, customer posts; a-3 misses the accept (requeued);
 *               a-1 assigned and resolves; rated 2; not closed, so a-1 still holds it.
 * K3 (travel)   03-03 08:00 opened, greeted by the system, still pending.
 * K4 (shopping) 03-03 12:00 opened; a-3 assigned; closed by the system; rated 4.
 * Orders: o-1 120.00 EUR (delivered twice), o-2 50.00 USD, o-3 30.00 EUR without a domain.
 */
export function customerStory(customerId = 'c-1'): FactsBuilder {
  const d1 = (time: string) => `2026-03-01T${time}:00.000Z`;
  const d2 = (time: string) => `2026-03-02T${time}:00.000Z`;
  const d3 = (time: string) => `2026-03-03T${time}:00.000Z`;
  return new FactsBuilder()
    .opened(d1('09:00'), 'K1', customerId, 'travel')
    .consultation('K1', d1('09:01'), 'assigned', { agentId: 'a-1', group: null })
    .message('K1', d1('09:02'), 1, customerId, 'customer')
    .message('K1', d1('09:03'), 2, 'a-1', 'agent')
    .message('K1', d1('09:04'), 3, 'a-1', 'agent', true)
    .consultation('K1', d1('09:05'), 'transferred', {
      fromAgentId: 'a-1',
      toAgentId: 'a-2',
      toGroup: null,
      by: 'a-1',
    })
    .consultation('K1', d1('09:05'), 'assigned', { agentId: 'a-2', group: null })
    .message('K1', d1('09:06'), 4, customerId, 'customer')
    .consultation('K1', d1('09:10'), 'resolved', { agentId: 'a-2' })
    .consultation('K1', d1('09:12'), 'closed', { by: 'customer', reason: 'done', agentId: null })
    .rated('K1', customerId, d1('09:13'), 5, 'great')
    .order(customerId, d1('15:00'), 'o-1', 12_000, 'EUR', 'travel')
    .order(customerId, d1('15:00'), 'o-1', 12_000, 'EUR', 'travel')
    .opened(d2('10:00'), 'K2', customerId, 'shopping')
    .consultation('K2', d2('10:01'), 'assigned', { agentId: 'a-3', group: null })
    .message('K2', d2('10:02'), 1, customerId, 'customer')
    .consultation('K2', d2('10:05'), 'requeued', { agentId: 'a-3', reason: 'accept_timeout' })
    .consultation('K2', d2('10:06'), 'assigned', { agentId: 'a-1', group: null })
    .consultation('K2', d2('10:20'), 'resolved', { agentId: 'a-1' })
    .rated('K2', customerId, d2('10:25'), 2)
    .order(customerId, d2('11:00'), 'o-2', 5_000, 'USD', 'shopping')
    .opened(d3('08:00'), 'K3', customerId, 'travel')
    .message('K3', d3('08:01'), 1, 'system', 'system')
    .opened(d3('12:00'), 'K4', customerId, 'shopping')
    .consultation('K4', d3('12:01'), 'assigned', { agentId: 'a-3', group: null })
    .consultation('K4', d3('12:40'), 'closed', {
      by: 'system',
      reason: 'inactivity',
      agentId: 'a-3',
    })
    .rated('K4', customerId, d3('12:41'), 4)
    .order(customerId, '2026-03-04T00:00:00.000Z', 'o-3', 3_000, 'EUR', null);
}
