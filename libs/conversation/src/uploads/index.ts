export * from './upload.ports';
export * from './blob-store.port';
export * from './disk.blob-store';
export * from './memory.blob-store';
export * from './upload.settings';
export * from './uploads.module';
