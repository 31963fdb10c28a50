import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from './auth.decorators';
import { AccessDeniedError, AuthenticationError } from './auth.errors';
import type { Role } from './auth.types';
import { userOf } from './request-user';

/**
 * Global (APP_GUARD, after JwtAuthGuard): a route with `@Roles(...)` admits only those roles.
 * Without a user (a `@Public()` route that also lists roles) it answers 401, never lets through.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles === undefined) return true;
    const user = userOf(context);
    if (user === undefined) {
      if (context.getType() === 'http' || context.getType() === 'ws') {
        throw new AuthenticationError();
      }
      return false;
    }
    if (!roles.includes(user.role)) {
      throw new AccessDeniedError(`This requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
