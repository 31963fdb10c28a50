import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../http/error-response.dto';
import { AuthenticationError } from './auth.errors';
import type { AuthUser, Role } from './auth.types';
import { userOf } from './request-user';

export const IS_PUBLIC_KEY = 'switchboard:public';
/** OpenAPI marker that setupOpenApi turns into `security: []` (no token needed). */
export const PUBLIC_OPERATION_EXTENSION = 'x-switchboard-public';
export const ROLES_KEY = 'switchboard:roles';

/**
 * Opens a route (or every route of a controller) to callers without a token. Everything else
 * needs a valid bearer token: the guard is global, so forgetting a decorator fails closed.
 */
export function Public(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(IS_PUBLIC_KEY, true),
    ApiExtension(PUBLIC_OPERATION_EXTENSION, true),
  );
}

/**
 * Admits only callers whose role is listed; others get 403 `FORBIDDEN`. No hierarchy: list
 * every role you mean (`STAFF_ROLES` spreads the three staff roles). On a method it replaces
 * the controller's list.
 */
export function Roles(...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, Object.freeze([...roles])),
    ApiForbiddenResponse({
      description: `Roles allowed: ${roles.join(', ')}`,
      type: ErrorResponse,
    }),
  );
}

/** The authenticated caller: `@CurrentUser() user: AuthUser`. Not for `@Public()` routes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = userOf(context);
    if (user === undefined) throw new AuthenticationError();
    return user;
  },
);
