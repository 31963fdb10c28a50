import { type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { type Server, type ServerOptions } from 'socket.io';

/**
 * Nest's IoAdapter with the gateway's CORS origins (GATEWAY_CORS_ORIGIN): `@WebSocketGateway`
 * options are fixed at compile time, the allowed origins are configuration.
 * `app.useWebSocketAdapter(new SwitchboardIoAdapter(app, origins))`.
 */
export class SwitchboardIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigin?: string | readonly string[] | boolean,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const cors =
      this.corsOrigin === undefined
        ? options?.cors
        : {
            origin:
              typeof this.corsOrigin === 'boolean' || typeof this.corsOrigin === 'string'
                ? this.corsOrigin
                : [...this.corsOrigin],
            credentials: true,
          };
    return super.createIOServer(port, { ...options, ...(cors === undefined ? {} : { cors }) });
  }
}
