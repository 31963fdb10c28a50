import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainError,
} from '@switchboard/es-core';
import { validateUploadName } from './upload-name';

/** Upload records live in one stream each. */
export const uploadStreamId = (uploadId: string): string => `upload-${uploadId}`;

export interface StoreUploadData {
  readonly uploadId: string;
  readonly uploaderId: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
}

/** Records bytes already in the BlobStore as an upload (the blob is written first). */
export type StoreUpload = Command<'StoreUpload', StoreUploadData>;

export type UploadCommand = StoreUpload;

export type UploadStored = DomainEvent<
  'UploadStored',
  StoreUploadData & {
    /** ISO-8601, from the command's metadata. */
    readonly at: string;
  }
>;

export type UploadEvent = UploadStored;

export type UploadState =
  | { readonly status: 'none' }
  | { readonly status: 'stored'; readonly upload: UploadStored['data'] };

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * An upload is stored once and never changes: the decider only guards that, and that the
 * record is well formed whoever calls it (the HTTP edge validates first; this is the rule).
 */
export const uploadDecider: Decider<UploadCommand, UploadEvent, UploadState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'StoreUpload': {
        if (state.status === 'stored') {
          throw new DomainError(
            'UPLOAD_ALREADY_STORED',
            `Upload ${command.data.uploadId} is already stored`,
            'conflict',
          );
        }
        const data = validated(command.data);
        return [
          {
            type: 'UploadStored',
            version: 1,
            data: { ...data, at: command.metadata.now.toISOString() },
          },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UploadStored':
        return { status: 'stored', upload: event.data };
      default:
        return assertNever(event.type);
    }
  },
};

function validated(data: StoreUploadData): StoreUploadData {
  const fail = (message: string) => new DomainError('UPLOAD_INVALID', message, 'invalid_command');
  if (data.uploadId.length === 0) throw fail('An upload needs an id');
  if (data.uploaderId.length === 0) throw fail('An upload needs an uploader');
  if (!SHA256.test(data.sha256)) throw fail('sha256 must be 64 lower-case hex characters');
  if (!Number.isSafeInteger(data.size) || data.size < 0) {
    throw fail('size must be a whole number of bytes');
  }
  if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(data.mime)) throw fail('mime must be a media type');
  return { ...data, name: validateUploadName(data.name) };
}
