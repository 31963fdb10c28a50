import { type AuthUser } from '@switchboard/platform';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { type AttachmentAccess } from '../../src/uploads/upload.ports';
import { jpeg, png } from './fixtures';
import { fileBody, startUploadsApp, type UploadsApp } from './uploads.harness';

const alice: AuthUser = { userId: 'customer-alice', role: 'customer' };
const bob: AuthUser = { userId: 'customer-bob', role: 'customer' };
const agent: AuthUser = { userId: 'agent-1', role: 'agent' };
const supervisor: AuthUser = { userId: 'supervisor-1', role: 'supervisor' };
const admin: AuthUser = { userId: 'admin-1', role: 'admin' };
const UNKNOWN_ID = '0b9f6a52-8f0e-4a8e-9a55-6f3e2b1c0d9e';

/** Collects a binary response body as a Buffer (superagent hands the parser the raw stream). */
function binary(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('GET /v1/uploads/:id and /meta', () => {
  const apps: UploadsApp[] = [];
  const start = async (options: Parameters<typeof startUploadsApp>[0] = {}) => {
    const app = await startUploadsApp(options);
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.dispose()));
  });

  const uploadAs = async (app: UploadsApp, user: AuthUser, name: string, bytes: Buffer) => {
    const form = fileBody(name, bytes);
    const res = await request(app.server)
      .post('/v1/uploads')
      .set('Authorization', app.bearer(user))
      .set('Content-Type', form.contentType)
      .send(form.body)
      .expect(201);
    return res.body as { id: string; sha256: string };
  };
  const download = (app: UploadsApp, user: AuthUser, id: string) =>
    request(app.server)
      .get(`/v1/uploads/${id}`)
      .set('Authorization', app.bearer(user))
      .buffer(true)
      .parse(binary);
  const meta = (app: UploadsApp, user: AuthUser, id: string) =>
    request(app.server).get(`/v1/uploads/${id}/meta`).set('Authorization', app.bearer(user));

  it('streams the bytes to the uploader with the detected type and safe headers', async () => {
    const app = await start();
    const bytes = png(1);
    const { id } = await uploadAs(app, alice, 'Bordkarte \\"Zürich\\" 1.png', bytes);
    const res = await download(app, alice, id).expect(200);
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Bordkarte _Z_rich_ 1.png"; filename*=UTF-8''Bordkarte%20%22Z%C3%BCrich%22%201.png`,
    );
    const record = await meta(app, alice, id).expect(200);
    expect(record.body).toMatchObject({ id, uploaderId: alice.userId, mime: 'image/png' });
  });

  it('hides uploads from other customers and agents: the same 404 as an unknown id', async () => {
    const app = await start();
    const { id } = await uploadAs(app, alice, 'private.png', png(2));
    const unknown = await request(app.server)
      .get(`/v1/uploads/${UNKNOWN_ID}`)
      .set('Authorization', app.bearer(alice))
      .expect(404);
    for (const user of [bob, agent]) {
      const res = await meta(app, user, id).expect(404);
      expect(res.body).toEqual({ code: 'UPLOAD_NOT_FOUND', message: 'No such upload' });
      const bytes = await request(app.server)
        .get(`/v1/uploads/${id}`)
        .set('Authorization', app.bearer(user))
        .expect(404);
      expect(bytes.body).toEqual(unknown.body);
    }
    for (const bad of ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(64)]) {
      await meta(app, alice, bad).expect(404);
    }
  });

  it('lets supervisors and admins read any upload', async () => {
    const app = await start();
    const bytes = jpeg(3);
    const { id } = await uploadAs(app, alice, 'scan.jpg', bytes);
    for (const user of [supervisor, admin]) {
      const res = await download(app, user, id).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      await meta(app, user, id).expect(200);
    }
  });

  it('asks ATTACHMENT_ACCESS for everyone else, and follows its answer', async () => {
    const calls: [string, string][] = [];
    let allowedId = '';
    const access: AttachmentAccess = {
      canRead: async (actor, uploadId) => {
        calls.push([actor.userId, uploadId]);
        return actor.userId === agent.userId && uploadId === allowedId;
      },
    };
    const app = await start({ attachmentAccess: access });
    const bytes = png(4);
    const { id } = await uploadAs(app, alice, 'shared.png', bytes);
    allowedId = id;
    const res = await download(app, agent, id).expect(200);
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    await meta(app, agent, id).expect(200);
    await download(app, bob, id).expect(404);
    // The uploader and staff with read-all never need the conversation context.
    await download(app, alice, id).expect(200);
    expect(calls).toEqual([
      [agent.userId, id],
      [agent.userId, id],
      [bob.userId, id],
    ]);
  });

  it('documents the routes in OpenAPI, upload as multipart with a binary "file"', async () => {
    const app = await start();
    const doc = (await request(app.server).get('/docs-json').expect(200)).body;
    const post = doc.paths['/v1/uploads'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '403', '413', '415']),
    );
    expect(doc.paths['/v1/uploads/{id}'].get).toBeDefined();
    expect(doc.paths['/v1/uploads/{id}/meta'].get).toBeDefined();
  });

  it('needs a token to download', async () => {
    const app = await start();
    const { id } = await uploadAs(app, alice, 'a.png', png(5));
    await request(app.server).get(`/v1/uploads/${id}`).expect(401);
  });
});
