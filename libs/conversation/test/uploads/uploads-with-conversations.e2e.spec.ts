import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { BusModule } from '@switchboard/bus';
import { EventStoreModule } from '@switchboard/event-store';
import { AuthTokenService, PlatformModule, type Role, validateEnv } from '@switchboard/platform';
import { RelayModule } from '@switchboard/relay';
import { type INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationModule } from '../../src/infrastructure/conversation.module';
import { UploadsModule } from '../../src/uploads/uploads.module';
import { png } from './fixtures';
import { fileBody } from './uploads.harness';

/**
 * The wiring the app will use: UploadsModule passed into ConversationModule's imports, so
 * PostMessage checks attachment ids against UPLOAD_CATALOG and downloads ask the conversation
 * context's ATTACHMENT_ACCESS (found app-wide, as neither module can import the other back).
 */
describe('uploads wired into the messaging context', () => {
  let app: INestApplication;
  let dir: string;
  let tokens: AuthTokenService;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-im-'));
    const env = validateEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SQLITE_FILENAME: join(dir, 'events.db'),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ env, logStream: { write: () => undefined } }),
        EventStoreModule.forRootAsync(),
        BusModule.forRootAsync(),
        RelayModule.forRootAsync(),
        CqrsModule.forRoot(),
        ConversationModule.forRoot({
          imports: [UploadsModule.forRoot({ dir: join(dir, 'blobs') })],
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    tokens = app.get(AuthTokenService);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (userId: string, role: Role = 'customer') => {
    const auth = `Bearer ${tokens.sign({ userId, role })}`;
    return {
      get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', auth),
      post: (path: string) => request(app.getHttpServer()).post(path).set('Authorization', auth),
    };
  };

  /** The read model behind ATTACHMENT_ACCESS follows the log: poll briefly. */
  const eventuallyStatus = async (run: () => request.Test, status: number) => {
    for (let attempt = 0; ; attempt++) {
      const res = await run();
      if (res.status === status || attempt >= 100) return res;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('lets conversation members download an image message’s upload, and nobody else', async () => {
    const form = fileBody('view.png', png(42));
    const uploaded = await as('alice')
      .post('/v1/uploads')
      .set('Content-Type', form.contentType)
      .send(form.body)
      .expect(201);
    const uploadId = uploaded.body.id as string;
    const conversation = await as('alice')
      .post('/v1/conversations')
      .send({ kind: 'direct', members: [{ userId: 'bob' }] })
      .expect(201);

    // Before any message references it, bob is not allowed.
    await as('bob').get(`/v1/uploads/${uploadId}/meta`).expect(404);

    await as('alice')
      .post(`/v1/conversations/${conversation.body.id as string}/messages`)
      .send({ clientMsgId: 'img-1', type: 'image', attachmentId: uploadId })
      .expect(201);
    const bob = await eventuallyStatus(() => as('bob').get(`/v1/uploads/${uploadId}`), 200);
    expect(bob.status).toBe(200);
    expect(bob.headers['content-type']).toBe('image/png');
    await as('carol').get(`/v1/uploads/${uploadId}`).expect(404);
    await as('agent-x', 'agent').get(`/v1/uploads/${uploadId}`).expect(404);
  });

  it('refuses a message whose attachment id is not a stored upload', async () => {
    const conversation = await as('dave')
      .post('/v1/conversations')
      .send({ kind: 'direct', members: [{ userId: 'erin' }] })
      .expect(201);
    const res = await as('dave')
      .post(`/v1/conversations/${conversation.body.id as string}/messages`)
      .send({
        clientMsgId: 'img-2',
        type: 'image',
        attachmentId: '3c7d1c7e-2b4a-4f61-9a47-6f2d8f0b1e55',
      });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
