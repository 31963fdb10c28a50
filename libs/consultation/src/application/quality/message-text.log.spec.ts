import { describe, expect, it } from 'vitest';
import { posted } from '../messages/test/im-messages.fixtures';
import { MessageTextLog } from './message-text.log';

describe('MessageTextLog (MESSAGE_TEXTS for the banned-words check)', () => {
  const agent = { senderId: 'ada', senderRole: 'agent' as const };

  it('keeps what staff showed the customer, once per message id', async () => {
    const log = new MessageTextLog();
    const reply = posted('c1', 2, { ...agent, text: 'On it' });
    for (const message of [
      posted('c1', 1, { text: 'customer words' }),
      reply,
      reply,
      posted('c1', 3, { ...agent, internal: true, text: 'internal note' }),
      posted('c1', 4, { senderRole: 'system', type: 'system', text: 'Welcome' }),
      posted('c1', 5, { senderId: 'sue', senderRole: 'supervisor', text: 'Sorry for the wait' }),
    ]) {
      log.record(message);
    }
    expect(await log.textsOf('conv-c1')).toEqual(['On it', 'Sorry for the wait']);
  });

  it('answers null for a conversation not seen from seq 1 or dropped over the bound', async () => {
    const log = new MessageTextLog(1);
    log.record(posted('late', 7, { ...agent, text: 'mid-way' }));
    expect(await log.textsOf('conv-late')).toBeNull();
    log.record(posted('a', 1));
    log.record(posted('b', 1));
    expect(await log.textsOf('conv-a')).toBeNull();
    expect(await log.textsOf('conv-b')).toEqual([]);
  });
});
