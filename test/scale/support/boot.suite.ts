import { afterAll, describe, expect, it } from 'vitest';
import { scaleEnv } from './scale.env';
import { cleanUpRun, realServicesAvailable } from './real-services';
import { type AppName, startService } from './service.process';

/**
 * The per-app process test: `apps/<app>` boots with its production adapters (PostgreSQL,
 * Kafka, Redis) in a child process, answers /health and /metrics, and on SIGTERM shuts down
 * cleanly (exit code 0, its adapters closed in order). Boot time goes to the console.
 */
export function describeServiceBoot(
  app: AppName,
  extraEnv: Readonly<Record<string, string>> = {},
  closes: readonly string[] = [],
): void {
  describe(`apps/${app} in a child process`, async () => {
    const available = await realServicesAvailable();
    describe.skipIf(!available)('with PostgreSQL, Kafka and Redis', () => {
      const { env, schema } = scaleEnv();
      afterAll(() => cleanUpRun(schema, env.DELIVERY_REDIS_PREFIX!, env.UPLOAD_DIR));

      it('boots, answers /health and /metrics, and exits 0 on SIGTERM', async () => {
        const service = await startService(app, app, { ...env, ...extraEnv });
        try {
          console.info(`apps/${app} booted in ${service.bootMs} ms`);
          const health = await fetch(`${service.url}/health`);
          expect(health.status).toBe(200);
          expect(await health.json()).toMatchObject({ status: 'ok' });
          const metrics = await fetch(`${service.url}/metrics`);
          expect(metrics.status).toBe(200);
          expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
        } finally {
          const code = await service.stop();
          expect(code, service.lines.slice(-20).join('\n')).toBe(0);
        }
        const said = service.messages();
        for (const line of closes) expect(said).toContain(line);
      }, 90_000);
    });
  });
}
