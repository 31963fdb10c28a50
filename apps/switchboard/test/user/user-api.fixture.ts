import { Global, type INestApplication, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { FACT_STORE, InMemoryFactStore } from '@switchboard/data';
import {
  AuthModule,
  AuthTokenService,
  PlatformHttpModule,
  type Role,
  setupOpenApi,
  validateEnv,
} from '@switchboard/platform';
import { UserModule } from '@switchboard/user';
import type { Server } from 'node:http';

export interface UserApi {
  readonly app: INestApplication;
  readonly server: Server;
  /** The read model the user module reads: tests fill it with facts directly. */
  readonly facts: InMemoryFactStore;
  /** `Authorization` header value for a user. */
  bearer(userId: string, role: Role): string;
}

/** What the data module does for the app: FACT_STORE, globally. */
function factStoreModule(store: InMemoryFactStore) {
  @Global()
  @Module({ providers: [{ provide: FACT_STORE, useValue: store }], exports: [FACT_STORE] })
  class TestFactStoreModule {}
  return TestFactStoreModule;
}

/**
 * The user module as the app mounts it (auth guards, validation pipe, `{code, message}` errors,
 * query bus, OpenAPI) over an in-memory read model instead of the data service's projection.
 */
export async function startUserApi(): Promise<UserApi> {
  const env = validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const facts = new InMemoryFactStore();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformHttpModule,
      AuthModule.forRoot(env),
      CqrsModule.forRoot(),
      factStoreModule(facts),
      UserModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupOpenApi(app);
  await app.init();
  const tokens = app.get(AuthTokenService);
  return {
    app,
    server: app.getHttpServer() as Server,
    facts,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
  };
}
