import { type AuthUser } from '@switchboard/platform';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { exe, gif, jpeg, pdf, png } from './fixtures';
import { fileBody, multipart, startUploadsApp, type UploadsApp } from './uploads.harness';

const alice: AuthUser = { userId: 'customer-alice', role: 'customer' };
const bob: AuthUser = { userId: 'customer-bob', role: 'customer' };
const MAX = 64 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobPath = (key: string) => `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;

describe('POST /v1/uploads', () => {
  const apps: UploadsApp[] = [];
  const start = async (options: Parameters<typeof startUploadsApp>[0] = {}) => {
    const app = await startUploadsApp({ maxBytes: MAX, ...options });
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.dispose()));
  });

  const upload = (app: UploadsApp, user: AuthUser, form: { body: Buffer; contentType: string }) =>
    request(app.server)
      .post('/v1/uploads')
      .set('Authorization', app.bearer(user))
      .set('Content-Type', form.contentType)
      .send(form.body);

  const expectNothingWritten = async (app: UploadsApp) => {
    expect(app.listBlobFiles()).toEqual([]);
    expect(await app.uploadEvents()).toEqual([]);
  };

  it('stores png, jpeg, gif and pdf under their hash, typed from the bytes, and records them', async () => {
    const app = await start();
    const files: [string, Buffer, string][] = [
      ['photo.png', png(1), 'image/png'],
      ['scan.jpg', jpeg(1), 'image/jpeg'],
      ['wave.gif', gif(), 'image/gif'],
      ['Reçu d’hôtel.pdf', pdf(1), 'application/pdf'],
    ];
    for (const [name, bytes, mime] of files) {
      const res = await upload(app, alice, fileBody(name, bytes, 'text/plain')).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        uploaderId: alice.userId,
        name,
        mime,
        size: bytes.length,
        sha256: sha(bytes),
        createdAt: expect.any(String),
      });
    }
    expect(app.listBlobFiles()).toEqual(files.map(([, bytes]) => blobPath(sha(bytes))).sort());
    const events = await app.uploadEvents();
    expect(events.map((event) => event.type)).toEqual(Array(4).fill('UploadStored'));
    expect(events[0].data).toMatchObject({ uploaderId: alice.userId, mime: 'image/png' });
  });

  it('ignores the client-declared type and extension: a png named .pdf is a png', async () => {
    const app = await start();
    const res = await upload(app, alice, fileBody('report.pdf', png(2), 'application/pdf'));
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('image/png');
  });

  it('writes the same bytes once, whoever uploads them, with one record per upload', async () => {
    const app = await start();
    const bytes = png(3);
    const first = await upload(app, alice, fileBody('a.png', bytes)).expect(201);
    const second = await upload(app, bob, fileBody('b.png', bytes)).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(app.listBlobFiles()).toEqual([blobPath(sha(bytes))]);
    expect(await app.uploadEvents()).toHaveLength(2);
  });

  it('answers a replay with the same Idempotency-Key with the first record', async () => {
    const app = await start();
    const send = (name: string, bytes: Buffer) =>
      upload(app, alice, fileBody(name, bytes)).set('Idempotency-Key', 'upload-key-1');
    const first = await send('a.png', png(4)).expect(201);
    const replay = await send('a.png', png(4)).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await app.uploadEvents()).toHaveLength(1);
    const other = await send('other.png', png(5)).expect(409);
    expect(other.body.code).toBe('UPLOAD_IDEMPOTENCY_CONFLICT');
  });

  it('accepts exactly the size limit and refuses one byte more with 413, writing nothing', async () => {
    const app = await start();
    const tooBig = png(6, MAX + 1);
    expect(tooBig.length).toBe(MAX + 1);
    const res = await upload(app, alice, fileBody('big.png', tooBig)).expect(413);
    expect(res.body).toEqual({
      code: 'UPLOAD_TOO_LARGE',
      message: expect.stringContaining(`${MAX}`),
    });
    await expectNothingWritten(app);
    const fits = png(6, MAX);
    expect(fits.length).toBe(MAX);
    await upload(app, alice, fileBody('fits.png', fits)).expect(201);
  });

  it('stops reading a body far over the limit: 413, nothing written, app still answers', async () => {
    const app = await start();
    const huge = png(13, 4 * 1024 * 1024);
    const res = await upload(app, alice, fileBody('huge.png', huge)).catch(
      (error: unknown) => error,
    );
    // The server answers 413 as soon as the limit is crossed and may close the connection
    // before the client has sent everything: then the client sees a reset, never a 2xx.
    if (res instanceof Error) {
      expect((res as NodeJS.ErrnoException).code).toMatch(/^(EPIPE|ECONNRESET)$/);
    } else {
      expect((res as { status: number; body: unknown }).status).toBe(413);
      expect((res as { body: { code: string } }).body.code).toBe('UPLOAD_TOO_LARGE');
    }
    await expectNothingWritten(app);
    await upload(app, alice, fileBody('small.png', png(14))).expect(201);
  });

  it.each([
    ['an executable named .png', 'setup.png', exe()],
    ['text named .png', 'notes.png', Buffer.from('just some words, not an image\n')],
    ['random bytes named .jpg', 'x.jpg', Buffer.from([0x00, 0x13, 0x37, 0x42, 0x99, 0x10, 0x20])],
    [
      'an SVG (script-capable, not allowed)',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
  ])('refuses %s with 415, writing nothing', async (_case, name, bytes) => {
    const app = await start();
    const res = await upload(app, alice, fileBody(name, bytes, 'image/png')).expect(415);
    expect(res.body).toEqual({ code: 'UPLOAD_TYPE_NOT_ALLOWED', message: expect.any(String) });
    await expectNothingWritten(app);
  });

  it('accepts plain text only when text/plain is on the allow-list, and never binary as text', async () => {
    const app = await start({ allowedTypes: ['image/png', 'text/plain'] });
    const text = await upload(app, alice, fileBody('notes.txt', Buffer.from('héllo\nworld\n')));
    expect(text.status).toBe(201);
    expect(text.body.mime).toBe('text/plain');
    await upload(app, alice, fileBody('x.txt', Buffer.from([0x68, 0x69, 0x00, 0x01]))).expect(415);
    await upload(app, alice, fileBody('y.txt', Buffer.from([0xc3, 0x28, 0x41]))).expect(415);
    await upload(app, alice, fileBody('doc.pdf', pdf(7))).expect(415);
  });

  it.each([
    ['../../etc/passwd'],
    ['..\\\\x.png'],
    ['a/b.png'],
    ['/etc/passwd'],
    ['C:\\\\Windows\\\\evil.png'],
    ['..'],
    ['photo\u202egnp.exe'],
  ])(
    'refuses the path-like name %j with 400 UPLOAD_NAME_INVALID, writing nothing',
    async (name) => {
      const app = await start();
      const res = await upload(app, alice, fileBody(name, png(8))).expect(400);
      expect(res.body).toEqual({ code: 'UPLOAD_NAME_INVALID', message: expect.any(String) });
      await expectNothingWritten(app);
    },
  );

  it('refuses traversal hidden in an RFC 5987 filename* and names with NUL or line breaks', async () => {
    const app = await start();
    const encoded = multipart([
      { filename: 'safe.png', extra: "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", content: png(9) },
    ]);
    const res = await upload(app, alice, encoded).expect(400);
    expect(res.body.code).toBe('UPLOAD_NAME_INVALID');
    for (const name of ['a\u0000.png', 'a%00.png']) {
      const form = name.includes('%')
        ? multipart([{ filename: 'x.png', extra: `filename*=UTF-8''${name}`, content: png(9) }])
        : fileBody(name, png(9));
      const nul = await upload(app, alice, form);
      expect(nul.status, name).toBe(400);
      expect(['UPLOAD_NAME_INVALID', 'UPLOAD_MALFORMED']).toContain(nul.body.code);
    }
    await expectNothingWritten(app);
  });

  it('answers 400 UPLOAD_FILE_MISSING without a file, and UPLOAD_MALFORMED for other fields or two files', async () => {
    const app = await start();
    const noFile = await upload(app, alice, multipart([{ field: 'note', content: 'hi' }])).expect(
      400,
    );
    expect(noFile.body.code).toBe('UPLOAD_FILE_MISSING');
    const json = await request(app.server)
      .post('/v1/uploads')
      .set('Authorization', app.bearer(alice))
      .send({ file: 'x' })
      .expect(400);
    expect(json.body.code).toBe('UPLOAD_FILE_MISSING');
    const wrongField = multipart([{ field: 'attachment', filename: 'a.png', content: png(10) }]);
    expect((await upload(app, alice, wrongField).expect(400)).body.code).toBe('UPLOAD_MALFORMED');
    const two = multipart([
      { filename: 'a.png', content: png(10) },
      { filename: 'b.png', content: png(11) },
    ]);
    expect((await upload(app, alice, two).expect(400)).body.code).toBe('UPLOAD_MALFORMED');
    const empty = await upload(app, alice, fileBody('empty.png', Buffer.alloc(0))).expect(400);
    expect(empty.body.code).toBe('UPLOAD_EMPTY');
    await expectNothingWritten(app);
  });

  it('needs a token', async () => {
    const app = await start();
    const form = fileBody('a.png', png(12));
    await request(app.server)
      .post('/v1/uploads')
      .set('Content-Type', form.contentType)
      .send(form.body)
      .expect(401);
    await expectNothingWritten(app);
  });
});
