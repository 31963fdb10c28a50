import type { INestApplication } from '@nestjs/common';
import { setupOpenApi } from '@switchboard/platform';
import { Logger } from 'nestjs-pino';

/** What `createServiceApp` does to the data app besides listening, for tests' own apps. */
export function configureDataApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  setupOpenApi(app);
  return app;
}
