import { type AuthUser } from '@switchboard/platform';
import { seededRandom } from '@switchboard/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from './fixtures';
import { fileBody, multipart, startUploadsApp, type UploadsApp } from './uploads.harness';

const alice: AuthUser = { userId: 'customer-alice', role: 'customer' };

interface FuzzCase {
  readonly label: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * Bodies that must all be refused: the file bytes never start with an allowed type's magic
 * number, so even a mutation that leaves the multipart intact ends in a 4xx.
 */
function fuzzCase(random: () => number, index: number): FuzzCase {
  const int = (max: number) => Math.floor(random() * max);
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  // A leading 0x00 0x01 matches none of png, jpeg, gif, webp or pdf.
  const content = Buffer.concat([Buffer.from([0x00, 0x01]), bytes(int(2048))]);
  const names = ['a.png', '../x.png', 'a/b', 'ok.pdf', '\u00ff\u00fe', 'x'.repeat(300), ''];
  const name = names[int(names.length)];
  const boundary = `b${int(1e9)}`;
  const valid = multipart([{ filename: name, content, contentType: 'image/png' }], boundary);
  const truncate = (body: Buffer) => body.subarray(0, int(body.length));
  const flip = (body: Buffer) => {
    const copy = Buffer.from(body);
    for (let i = 0; i < 1 + int(8); i++) copy[int(copy.length)] = int(256);
    return copy;
  };
  const kind = index % 10;
  switch (kind) {
    case 0:
      return { label: 'truncated', contentType: valid.contentType, body: truncate(valid.body) };
    case 1:
      return { label: 'bytes flipped', contentType: valid.contentType, body: flip(valid.body) };
    case 2:
      return {
        label: 'wrong boundary',
        contentType: `multipart/form-data; boundary=other${int(1000)}`,
        body: valid.body,
      };
    case 3: {
      const types = [
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary="unterminated',
        `multipart/form-data; boundary=${'z'.repeat(200 + int(200))}`,
        'multipart/mixed; boundary=x',
        'text/plain',
        'application/octet-stream',
        'application/x-www-form-urlencoded',
      ];
      return { label: 'odd content type', contentType: types[int(types.length)], body: valid.body };
    }
    case 4:
      return { label: 'random body', contentType: valid.contentType, body: bytes(int(4096)) };
    case 5: {
      const headers = [
        `--${boundary}\r\nContent-Disposition: form-data\r\n\r\n`,
        `--${boundary}\r\nContent-Type: image/png\r\n\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename\r\n\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${'y'.repeat(int(5000))}\r\n\r\n`,
        `--${boundary}\r\nX-${'h'.repeat(int(90_000))}: 1\r\n\r\n`,
        `--${boundary}\r\n\r\n`,
      ];
      const body = Buffer.concat([
        Buffer.from(headers[int(headers.length)]),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { label: 'bad part headers', contentType: valid.contentType, body };
    }
    case 6: {
      const parts = Array.from({ length: 2 + int(10) }, (_, i) =>
        i % 3 === 0
          ? { filename: `f${i}.png`, content }
          : { field: `field${i}`, content: 'v'.repeat(int(6000)) },
      );
      return {
        label: 'too many parts',
        contentType: valid.contentType,
        body: multipart(parts, boundary).body,
      };
    }
    case 7:
      return {
        label: 'valid multipart, disallowed bytes',
        contentType: valid.contentType,
        body: valid.body,
      };
    case 8:
      return {
        label: 'json pretending',
        contentType: 'application/json',
        body: Buffer.from(`{"file": ${int(2) === 0 ? '"x"' : '{'}`),
      };
    default:
      return {
        label: 'no closing boundary',
        contentType: valid.contentType,
        body: valid.body.subarray(0, valid.body.length - boundary.length - 6),
      };
  }
}

describe('POST /v1/uploads under malformed input', () => {
  let app: UploadsApp;
  beforeAll(async () => {
    app = await startUploadsApp({ maxBytes: 16 * 1024 });
  });
  afterAll(async () => {
    await app.dispose();
  });

  it('answers 200 malformed requests with a typed 4xx each, writes nothing, and keeps serving', async () => {
    const random = seededRandom(20_261_204);
    const seen = new Map<string, number>();
    for (let index = 0; index < 200; index++) {
      const fuzz = fuzzCase(random, index);
      const res = await request(app.server)
        .post('/v1/uploads')
        .set('Authorization', app.bearer(alice))
        .set('Content-Type', fuzz.contentType)
        .send(fuzz.body);
      const outcome = {
        index,
        label: fuzz.label,
        type: fuzz.contentType.slice(0, 60),
        status: res.status,
        body: res.body as unknown,
      };
      expect(outcome.status >= 400 && outcome.status < 500, JSON.stringify(outcome)).toBe(true);
      expect(typeof res.body.code, JSON.stringify(outcome)).toBe('string');
      expect(typeof res.body.message, JSON.stringify(outcome)).toBe('string');
      const key = `${res.status} ${res.body.code as string}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(app.listBlobFiles()).toEqual([]);
    expect(await app.uploadEvents()).toEqual([]);
    // Nothing unexpected was logged (an INTERNAL would be logged at error level, 50).
    expect(app.logs.filter((line) => line.level >= 50)).toEqual([]);
    // Still serving.
    const form = fileBody('after.png', png(1));
    await request(app.server)
      .post('/v1/uploads')
      .set('Authorization', app.bearer(alice))
      .set('Content-Type', form.contentType)
      .send(form.body)
      .expect(201);
    expect(seen.size).toBeGreaterThan(3);
  });
});
