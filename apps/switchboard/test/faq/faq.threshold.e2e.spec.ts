import { AuthTokenService } from '@switchboard/platform';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startSwitchboard } from '../switchboard.harness';

describe('FAQ_AUTO_ANSWER_THRESHOLD', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startSwitchboard({
      env: { LOG_LEVEL: 'warn', FAQ_AUTO_ANSWER_THRESHOLD: '0.95' },
    });
  });
  afterAll(() => harness.dispose());

  it('raises the bar for an automatic answer; matches are still ranked', async () => {
    const server = harness.app.getHttpServer() as Server;
    const tokens = harness.app.get(AuthTokenService);
    const auth = (role: 'supervisor' | 'customer') =>
      `Bearer ${tokens.sign({ userId: `${role}-1`, role })}`;
    await request(server)
      .post('/v1/faq/strict/entries')
      .set('Authorization', auth('supervisor'))
      .send({ entryId: 'refund', question: 'How do I get a refund?', answer: 'Within 7 days.' })
      .expect(201);
    for (let attempt = 0; ; attempt++) {
      const res = await request(server)
        .get('/v1/faq/strict/match')
        .query({ text: 'refund for my broken suitcase' })
        .set('Authorization', auth('customer'))
        .expect(200);
      if (res.body.matches.length === 0 && attempt < 100) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      expect(res.body.threshold).toBe(0.95);
      expect(res.body.matches[0]).toMatchObject({ entryId: 'refund' });
      expect(res.body.matches[0].confidence).toBeLessThan(0.95);
      expect(res.body.autoAnswer).toBeNull();
      return;
    }
  });
});
