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

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.typed(error))));
  }

  private typed(error: unknown): unknown {
    if (!(error instanceof HttpException) || hasCode(error)) return error;
    if (error instanceof PayloadTooLargeException) return uploadTooLarge(this.settings.maxBytes);
    if (error instanceof BadRequestException) return uploadMalformed(error.message);
    return error;
  }
}

function hasCode(error: HttpException): boolean {
  const response = error.getResponse();
  return typeof response === 'object' && response !== null && 'code' in response;
}
