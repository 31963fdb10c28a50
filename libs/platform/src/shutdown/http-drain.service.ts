import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { SwitchboardEnv } from '../config/env.schema';

/** Share of SHUTDOWN_TIMEOUT_MS that in-flight requests get before their sockets are cut. */
export const HTTP_DRAIN_SHARE = 0.5;

/**
 * Drains HTTP on shutdown. Nest closes the server after `beforeApplicationShutdown` (no new
 * connections, idle ones closed), but a keep-alive connection whose request is still running
 * would stay open until the keep-alive timeout. So: responses still to be sent, and requests
 * that arrive on open connections meanwhile, answer with `Connection: close`; whatever is still
 * open when the drain time is up is cut, and the adapters close after that.
 */
@Injectable()
export class HttpDrainService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(HttpDrainService.name);
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ConfigService<SwitchboardEnv, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.server()?.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      if (this.draining) res.shouldKeepAlive = false;
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
    });
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    const drainMs = Math.floor(
      this.config.get('SHUTDOWN_TIMEOUT_MS', { infer: true }) * HTTP_DRAIN_SHARE,
    );
    if (this.inFlight.size > 0) {
      this.logger.log(`Draining ${this.inFlight.size} in-flight request(s), at most ${drainMs} ms`);
    }
    this.deadline = setTimeout(() => {
      if (this.inFlight.size > 0) {
        this.logger.warn(
          `Cutting ${this.inFlight.size} request(s) still running after ${drainMs} ms`,
        );
      }
      this.server()?.closeAllConnections();
    }, drainMs);
    this.deadline.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}
