import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startSwitchboard } from '../switchboard.harness';

describe('web UI serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
  let served: Harness;
  let off: Harness;

  beforeAll(async () => {
    mkdirSync(join(dir, 'agent'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<h1>landing</h1>');
    writeFileSync(join(dir, 'agent', 'index.html'), '<h1>agent desktop</h1>');
    writeFileSync(join(dir, 'assets', 'agent-abc123.js'), 'console.log(1)');
    served = await startSwitchboard({ env: { WEB_DIR: dir } });
    off = await startSwitchboard({ env: { WEB_DIR: join(dir, 'not-built') } });
  });
  afterAll(async () => {
    await served?.dispose();
    await off?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the pages at / with revalidation and hashed assets for good', async () => {
    const http = request(served.app.getHttpServer());
    const landing = await http.get('/').expect(200);
    expect(landing.text).toContain('landing');
    expect(landing.headers['cache-control']).toBe('no-cache');
    await http.get('/agent').expect(301).expect('location', '/agent/');
    expect((await http.get('/agent/').expect(200)).text).toContain('agent desktop');
    const asset = await http.get('/assets/agent-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('leaves the API, its errors and OpenAPI as they were', async () => {
    const http = request(served.app.getHttpServer());
    const unknown = await http.get('/v1/nothing-here').expect(404);
    expect(unknown.body).toMatchObject({ code: expect.any(String) });
    await http.get('/v1/conversations').expect(401);
    await http.get('/health').expect(200);
  });

  it('without a built UI, warns and serves the API only', async () => {
    const http = request(off.app.getHttpServer());
    await http.get('/').expect(404);
    await http.get('/health').expect(200);
    const warning = off.logs.find((l) => String(l.msg).includes('No web UI at'));
    expect(warning).toBeDefined();
  });
});
