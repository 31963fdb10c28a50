import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiErrors,
  ApiIdempotencyKey,
  type AuthUser,
  CallerContext,
  CurrentUser,
  ErrorResponse,
  type RequestContext,
  Roles,
} from '@switchboard/platform';
import { BLOB_STORE, type BlobStore } from './blob-store.port';
import { contentDisposition } from './content-disposition';
import { type ReceivedFile, StoreUploadHandler } from './store-upload.handler';
import { UploadAccessPolicy } from './upload-access.policy';
import { uploadNotFound } from './upload.errors';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import { type UploadRecord } from './upload.ports';
import { UploadView } from './upload.view';

@ApiTags('uploads')
@Controller('v1/uploads')
@Roles('customer', 'agent', 'supervisor', 'admin')
export class UploadsController {
  constructor(
    private readonly storeUpload: StoreUploadHandler,
    private readonly access: UploadAccessPolicy,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Post()
  @HttpCode(201)
  // Options (memory storage, limits) come from MulterModule in UploadsModule.
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload an attachment',
    description:
      'multipart/form-data with one field "file". The type is detected from the bytes and must be on the allow-list; ' +
      'the name must be a plain file name (no path, no "..", no control characters). Reference the returned id as ' +
      'attachmentId in image/file messages. Nothing is stored when the upload is refused.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: UploadView })
  @ApiErrors(400, 403, 409)
  @ApiResponse({ status: 413, description: 'UPLOAD_TOO_LARGE', type: ErrorResponse })
  @ApiResponse({ status: 415, description: 'UPLOAD_TYPE_NOT_ALLOWED', type: ErrorResponse })
  upload(
    @CallerContext() context: RequestContext,
    @UploadedFile() file: ReceivedFile | undefined,
  ): Promise<UploadRecord> {
    return this.storeUpload.execute(context, file);
  }

  @Get(':id')
  @Header('X-Content-Type-Options', 'nosniff')
  // Served bytes must never run as a page of this origin, whatever a browser makes of them.
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'Download an attachment',
    description:
      'For its uploader, supervisors and admins, and members of a conversation holding it; 404 UPLOAD_NOT_FOUND otherwise.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, with the detected Content-Type' })
  @ApiErrors(403, 404)
  async download(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<StreamableFile> {
    const record = await this.access.readable(user, id);
    const stream = await this.blobs.get(record.sha256);
    // A record whose blob is gone (restored from an older backup) reads as unknown.
    if (stream === undefined) throw uploadNotFound();
    return new StreamableFile(stream, {
      type: record.mime,
      length: record.size,
      disposition: contentDisposition(record.name),
    });
  }

  @Get(':id/meta')
  @ApiOperation({
    summary: 'An attachment’s record',
    description: 'Same access rule as the download.',
  })
  @ApiOkResponse({ type: UploadView })
  @ApiErrors(403, 404)
  meta(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<UploadRecord> {
    return this.access.readable(user, id);
  }
}
