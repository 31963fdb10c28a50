import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConcurrencyConflictError, DomainError, type DomainErrorKind } from '@switchboard/es-core';
import { WrongExpectedRevisionError } from '@switchboard/event-store';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CurrentUser, Public, Roles } from '../src/auth/auth.decorators';
import type { AuthUser } from '../src/auth/auth.types';

/** Test-only API (never shipped: libs/platform/test is outside the build). */

export class ProbeTag {
  @IsString()
  @Length(1, 20)
  readonly label!: string;
}

export class CreateProbe {
  @IsString()
  @Length(1, 50)
  readonly name!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  readonly score!: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProbeTag)
  readonly tags?: ProbeTag[];
}

/** Filled by every handler that ran, so a test can prove a rejected request changed nothing. */
export const handled: string[] = [];

@Controller('probe')
export class ProbeController {
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }

  @Roles('agent', 'supervisor')
  @Get('staff')
  staff(@CurrentUser() user: AuthUser): { ok: true; role: string } {
    return { ok: true, role: user.role };
  }

  @Roles('customer')
  @Post('items')
  @HttpCode(200)
  create(@Body() body: CreateProbe): { isDto: boolean; body: CreateProbe } {
    handled.push('create');
    return { isDto: body instanceof CreateProbe, body };
  }

  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Roles('admin')
  @Get('public-but-roles')
  confused(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get('domain/:kind')
  domain(@Param('kind') kind: string): never {
    throw new DomainError(`PROBE_${kind.toUpperCase()}`, `probe ${kind}`, kind as DomainErrorKind);
  }

  @Public()
  @Get('wrong-revision')
  wrongRevision(): never {
    throw new WrongExpectedRevisionError('consultation-42', 3, 4);
  }

  @Public()
  @Get('concurrency')
  concurrency(): never {
    throw new ConcurrencyConflictError('consultation-42', 5);
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db');
  }

  @Public()
  @Get('throw-string')
  throwString(): never {
    throw 'not an error object' as unknown as Error;
  }

  @Public()
  @Get('unprocessable')
  unprocessable(): never {
    throw new UnprocessableEntityException('nothing to process');
  }

  @Public()
  @Post('reject')
  reject(@Body() _body: unknown): never {
    throw new BadRequestException('rejected by the handler');
  }
}

@Roles('supervisor')
@Controller('supervision')
export class SupervisionController {
  @Get('queue')
  queue(): { ok: true } {
    return { ok: true };
  }

  @Roles('admin')
  @Get('settings')
  settings(): { ok: true } {
    return { ok: true };
  }
}
