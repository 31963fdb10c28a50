import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (name: string) => resolve(__dirname, `libs/${name}/src`);

export default defineConfig({
  plugins: [
    // SWC, not esbuild: Nest's dependency injection needs emitted decorator metadata.
    swc.vite({
      module: { type: 'es6' },
      jsc: { target: 'es2022', transform: { legacyDecorator: true, decoratorMetadata: true } },
    }),
  ],
  resolve: {
    alias: {
      '@switchboard/es-core': lib('es-core'),
      '@switchboard/event-store': lib('event-store'),
      '@switchboard/bus': lib('bus'),
      '@switchboard/platform': lib('platform'),
      '@switchboard/testing': lib('testing'),
      '@switchboard/consultation': lib('consultation'),
      '@switchboard/routing': lib('routing'),
      '@switchboard/contracts': lib('contracts'),
      '@switchboard/relay': lib('relay'),
      '@switchboard/conversation': lib('conversation'),
      '@switchboard/delivery': lib('delivery'),
      '@switchboard/gateway': lib('gateway'),
      '@switchboard/client': lib('client'),
      '@switchboard/data': lib('data'),
      '@switchboard/user': lib('user'),
    },
  },
  test: {
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    pool: 'forks',
  },
});
