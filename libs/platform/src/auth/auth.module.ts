import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DEV_JWT_SECRET, type SwitchboardEnv } from '../config/env.schema';
import { AUTH_TOKEN_SERVICE, AuthTokenService } from './auth-token.service';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings';
import { DevTokenController } from './dev-token.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

/**
 * JWT bearer authentication for every route (JwtAuthGuard, then RolesGuard, both global),
 * AuthTokenService for the socket handshake, and the dev-token route outside production.
 */
@Module({})
export class AuthModule implements OnApplicationBootstrap {
  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {}

  static forRoot(env: SwitchboardEnv): DynamicModule {
    const settings: AuthSettings = {
      devTokens: env.NODE_ENV !== 'production',
      devSecret: env.JWT_SECRET === DEV_JWT_SECRET,
    };
    return {
      module: AuthModule,
      global: true,
      // Not mounted at all in production: the route does not exist there (404).
      controllers: settings.devTokens ? [DevTokenController] : [],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        {
          provide: AuthTokenService,
          useValue: new AuthTokenService({ secret: env.JWT_SECRET, ttlSeconds: env.JWT_TTL }),
        },
        { provide: AUTH_TOKEN_SERVICE, useExisting: AuthTokenService },
        // Order matters: Nest runs global guards in the order they are provided.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AuthTokenService, AUTH_TOKEN_SERVICE],
    };
  }

  onApplicationBootstrap(): void {
    if (this.settings.devSecret) {
      new Logger('AuthModule').warn(
        'JWT_SECRET is not set: tokens are signed with the public development secret',
      );
    }
  }
}
