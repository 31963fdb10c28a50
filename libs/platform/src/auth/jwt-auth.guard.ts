import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from './auth.decorators';
import { AuthenticationError } from './auth.errors';
import { AuthTokenService } from './auth-token.service';
import { type AuthenticatedRequest, bearerTokenOf, userOf } from './request-user';

/**
 * Global (APP_GUARD): every HTTP route needs a valid bearer token unless it is `@Public()`.
 * Socket handlers need the user the gateway's handshake put on `socket.data.user`. Other
 * transports (none today) are not policed here.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AuthTokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;
    switch (context.getType()) {
      case 'http': {
        const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
        req.user = this.tokens.verify(bearerTokenOf(req));
        return true;
      }
      case 'ws':
        if (userOf(context) === undefined) throw new AuthenticationError();
        return true;
      default:
        return true;
    }
  }
}
