import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScriptedRestHandler } from './scripted-rest.handler';
import { ScriptedSocketGateway } from './scripted-socket.gateway';
import { Offline } from './scripted-offline';
import { ScriptedStore } from './scripted.store';
import { defaultKnobs, type ScriptedKnobs } from './scripted.knobs';

/**
 * A real socket.io server and a plain node:http REST server on one port (0 = any free one),
 * implementing the v1 protocol over an in-memory store, with knobs to misbehave.
 */
export class ScriptedServer {
  readonly store = new ScriptedStore();
  readonly knobs: ScriptedKnobs = defaultKnobs();
  readonly rest: ScriptedRestHandler;
  readonly gateway: ScriptedSocketGateway;
  private readonly offlineUsers = new Offline();
  private readonly http: HttpServer;

  private constructor() {
    this.rest = new ScriptedRestHandler(this.store, this.knobs, this.offlineUsers);
    this.http = createServer(this.rest.handle);
    this.gateway = new ScriptedSocketGateway(this.http, this.store, this.knobs, this.offlineUsers);
  }

  static async start(): Promise<ScriptedServer> {
    const server = new ScriptedServer();
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    const { port } = this.http.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Cuts the user off: connections drop and new ones hang (socket) or fail (REST). */
  goOffline(userId: string): void {
    this.offlineUsers.set(userId);
    this.gateway.drop(userId);
    this.rest.drop(userId);
  }

  goOnline(userId: string): void {
    this.offlineUsers.clear(userId);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.gateway.io.close(() => resolve()));
    this.http.closeAllConnections();
  }
}
