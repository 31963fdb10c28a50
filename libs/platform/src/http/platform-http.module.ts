import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HttpErrorFilter } from './http-error.filter';
import { createValidationPipe } from './request-validation';

/**
 * The HTTP conventions of every /v1 controller, as providers so that apps built with
 * `Test.createTestingModule` get exactly what main.ts gets: DTO validation (400
 * `VALIDATION_FAILED` with field errors) and `{code, message}` error bodies.
 */
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
  ],
})
export class PlatformHttpModule {}
