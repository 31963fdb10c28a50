import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  connect,
  consultationChat,
  type Device,
  eventually,
  startApi,
} from './messaging.fixture';

// The smallest valid PNG: signature, IHDR 1×1, IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** An image travels as an upload id: sent by its uploader, downloadable by members only. */
describe('uploads in a consultation', () => {
  let api: Api;
  let customer: Device;
  let agent: Device;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    customer?.close();
    agent?.close();
    await api.harness.dispose();
  });

  it('sends an image message; the agent gets it pushed and may download it, a stranger may not', async () => {
    const customerId = api.id('customer');
    customer = await connect(api, customerId, 'customer');
    const chat = await consultationChat(api, customer, customerId);
    agent = await connect(api, chat.agentId, 'agent', { device: 'desktop' });

    const uploaded = await request(api.server)
      .post('/v1/uploads')
      .set('Authorization', api.bearer(customerId, 'customer'))
      .attach('file', PNG, 'boarding-pass.png')
      .expect(201);
    expect(uploaded.body.mime).toBe('image/png');

    const ack = await customer.emit('message.send', {
      conversationId: chat.conversationId,
      clientMsgId: 'img-1',
      type: 'image',
      attachmentId: uploaded.body.id,
    });
    expect(ack.ok).toBe(true);
    await eventually(async () => {
      const pushed = agent.received.find((m) => m.type === 'image');
      expect(pushed).toMatchObject({ attachment: { id: uploaded.body.id, mime: 'image/png' } });
    });

    const download = await request(api.server)
      .get(`/v1/uploads/${uploaded.body.id}`)
      .set('Authorization', api.bearer(chat.agentId, 'agent'))
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    const refused = await request(api.server)
      .get(`/v1/uploads/${uploaded.body.id}`)
      .set('Authorization', api.bearer(api.id('stranger'), 'customer'));
    expect([refused.status, refused.body.code]).toEqual([404, 'UPLOAD_NOT_FOUND']);
  });

  it('refuses an image message whose upload belongs to someone else', async () => {
    const other = api.id('customer');
    const uploaded = await request(api.server)
      .post('/v1/uploads')
      .set('Authorization', api.bearer(other, 'customer'))
      .attach('file', PNG, 'not-yours.png')
      .expect(201);
    const customerId = api.id('customer');
    const device = await connect(api, customerId, 'customer');
    const chat = await consultationChat(api, device, customerId);
    const ack = await device.emit('message.send', {
      conversationId: chat.conversationId,
      clientMsgId: 'img-2',
      type: 'image',
      attachmentId: uploaded.body.id,
    });
    device.close();
    expect(ack).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_INVALID' } });
  });
});
