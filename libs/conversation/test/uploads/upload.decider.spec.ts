import { deciderSpec } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import {
  type StoreUpload,
  type UploadStored,
  uploadDecider,
  uploadStreamId,
} from '../../src/uploads/domain/upload.decider';
import { validateUploadName } from '../../src/uploads/domain/upload-name';

const now = new Date('2026-03-01T10:00:00.000Z');
const data = {
  uploadId: 'd6f1c1c6-5f2a-4a53-9a1e-0f4e8c7d0a11',
  uploaderId: 'customer-1',
  name: 'boarding pass.pdf',
  mime: 'application/pdf',
  size: 1234,
  sha256: 'a'.repeat(64),
};
const store = (overrides: Partial<StoreUpload['data']> = {}): StoreUpload => ({
  type: 'StoreUpload',
  data: { ...data, ...overrides },
  metadata: { commandId: 'command-1', now, userId: 'customer-1' },
});
const stored: UploadStored = {
  type: 'UploadStored',
  version: 1,
  data: { ...data, at: now.toISOString() },
};

describe('upload decider', () => {
  it('records a new upload with the time from the command metadata', () => {
    deciderSpec(uploadDecider).given([]).when(store()).then([stored]);
  });

  it('rejects a second store of the same upload id', () => {
    deciderSpec(uploadDecider).given([stored]).when(store()).thenFails('UPLOAD_ALREADY_STORED');
  });

  it('rejects malformed records whoever sends them', () => {
    const spec = deciderSpec(uploadDecider).given([]);
    spec.when(store({ sha256: '../../etc/passwd' })).thenFails('UPLOAD_INVALID');
    spec.when(store({ sha256: 'A'.repeat(64) })).thenFails('UPLOAD_INVALID');
    spec.when(store({ size: -1 })).thenFails('UPLOAD_INVALID');
    spec.when(store({ size: 1.5 })).thenFails('UPLOAD_INVALID');
    spec.when(store({ mime: 'nonsense' })).thenFails('UPLOAD_INVALID');
    spec.when(store({ uploaderId: '' })).thenFails('UPLOAD_INVALID');
    spec.when(store({ name: '../secret.pdf' })).thenFails('UPLOAD_NAME_INVALID');
  });

  it('folds UploadStored into the stored state', () => {
    expect(uploadDecider.evolve(uploadDecider.initialState, stored)).toEqual({
      status: 'stored',
      upload: stored.data,
    });
    expect(uploadStreamId(data.uploadId)).toBe(`upload-${data.uploadId}`);
  });
});

describe('validateUploadName', () => {
  it('keeps ordinary names, trimmed and NFC-normalised', () => {
    expect(validateUploadName('photo.png')).toBe('photo.png');
    expect(validateUploadName('  Reçu d’hôtel (2).pdf ')).toBe('Reçu d’hôtel (2).pdf');
    expect(validateUploadName('e\u0301.png')).toBe('\u00e9.png');
    expect(validateUploadName('航班.jpg')).toBe('航班.jpg');
    expect(validateUploadName('x'.repeat(255))).toHaveLength(255);
  });

  it.each([
    ['../../etc/passwd'],
    ['..\\x.png'],
    ['a/b.png'],
    ['/etc/passwd'],
    ['C:\\boot.ini'],
    ['C:evil.png'],
    ['..'],
    ['.'.repeat(3)],
    ['name\u0000.png'],
    ['line\nbreak.png'],
    ['tab\there.png'],
    ['del\u007f.png'],
    ['invoice\u202efdp.exe'],
    [''],
    ['   '],
    ['x'.repeat(256)],
  ])('rejects %j with UPLOAD_NAME_INVALID', (name) => {
    expect(() => validateUploadName(name)).toThrow(
      expect.objectContaining({ code: 'UPLOAD_NAME_INVALID', kind: 'invalid_command' }),
    );
  });

  it('rejects a missing name', () => {
    expect(() => validateUploadName(undefined)).toThrow(
      expect.objectContaining({ code: 'UPLOAD_NAME_INVALID' }),
    );
  });
});
