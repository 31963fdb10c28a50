import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { catchError, type Observable, throwError } from 'rxjs';
import { uploadMalformed, uploadTooLarge } from './upload.errors';
import { UPLOAD_SETTINGS, type UploadSettings } from './upload.settings';

/**
 * Bound before FileInterceptor: gives multer's refusals typed codes. Nest maps multer's
 * LIMIT_FILE_SIZE to a bare 413 and its other limits and busboy's parse errors to bare 400s;
 * those become UPLOAD_TOO_LARGE and UPLOAD_MALFORMED. Errors that already carry a code pass.
 */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(UPLOAD_SETTINGS) private readonly settings: UploadSettings) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<IncomingMessage & { file?: unknown }>();
    // multer hands any multipart/* to busboy, which throws a plain Error for all but form-data.
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/') && !type.startsWith('multipart/form-data')) {
      throw uploadMalformed('the content type must be multipart/form-data');
    }
    return next
      .handle()
      .pipe(
        catchError((error: unknown) => throwError(() => this.typed(error, req.file === undefined))),
      );
  }

  private typed(error: unknown, beforeHandler: boolean): unknown {
    if (error instanceof HttpException) {
      if (hasCode(error)) return error;
      if (error instanceof PayloadTooLargeException) return uploadTooLarge(this.settings.maxBytes);
      if (error instanceof BadRequestException) return uploadMalformed(error.message);
      return error;
    }
    // A bare Error with no file received yet can only be the parser's (busboy's) refusal;
    // the route's own failures are typed, and happen once multer has set `req.file`.
    if (beforeHandler && error instanceof Error && error.constructor === Error) {
      return uploadMalformed(error.message.slice(0, 200));
    }
    return error;
  }
}

function hasCode(error: HttpException): boolean {
  const response = error.getResponse();
  return typeof response === 'object' && response !== null && 'code' in response;
}
