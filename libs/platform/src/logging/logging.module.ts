import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { SwitchboardEnv } from '../config/env.schema';
import { correlationIdFor } from './correlation-id';

export interface LoggingOptions {
  /** Where JSON lines go; default stdout. Tests pass a stream to read them back. */
  readonly stream?: DestinationStream;
}

/** Probes and scrapes would drown the log at info level. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

/** JSON logs (pino) with the request's correlation id on every line logged while serving it. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<SwitchboardEnv, true>) => {
            const pinoHttp: Options = {
              level: config.get('LOG_LEVEL', { infer: true }),
              genReqId: correlationIdFor,
              customAttributeKeys: { reqId: 'correlationId' },
              quietReqLogger: true,
              customLogLevel: (req, res, error) => {
                if (error !== undefined || res.statusCode >= 500) return 'error';
                if (res.statusCode >= 400) return 'warn';
                return QUIET_PATHS.has((req.url ?? '').split('?')[0]!) ? 'debug' : 'info';
              },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
            };
            return { pinoHttp: options.stream ? [pinoHttp, options.stream] : pinoHttp };
          },
        }),
      ],
    };
  }
}
