import { Body, Controller, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../http/error-response.dto';
import { Public } from './auth.decorators';
import { AuthTokenService } from './auth-token.service';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings';
import { DevTokenRequest, DevTokenResponse } from './dev-token.dto';

/**
 * `POST /v1/auth/dev-token` so that tools and tests can log in without an identity provider.
 * AuthModule mounts it only outside production; the check below is the second lock.
 */
@ApiTags('auth')
@Controller('v1/auth')
export class DevTokenController {
  constructor(
    private readonly tokens: AuthTokenService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  @Public()
  @Post('dev-token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a token for any user and role (development and test mode only)',
    description: 'Not mounted when NODE_ENV=production: the route answers 404 there.',
  })
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  issue(@Body() body: DevTokenRequest): DevTokenResponse {
    if (!this.settings.devTokens) throw new NotFoundException();
    const token = this.tokens.sign({ userId: body.userId, role: body.role, name: body.name });
    return { token };
  }
}
