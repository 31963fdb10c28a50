import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/** One request as a fake service received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/**
 * What a fake service answers: a status and a JSON body, raw text, nothing ever (`hang`), or
 * a closed connection without an answer (`reset`, as a server dropping an idle keep-alive one).
 */
export type FakeAnswer =
  { readonly status: number; readonly json?: unknown; readonly text?: string } | 'hang' | 'reset';

/**
 * A local HTTP server standing in for im or customer-service: records every request and
 * answers what `answer` says (default 200 `{}`); `hang` never answers, for the timeout path.
 */
export class FakeService {
  readonly requests: ReceivedRequest[] = [];
  /** TCP connections accepted so far (keep-alive reuses one). */
  connections = 0;
  answer: (request: ReceivedRequest) => FakeAnswer = () => ({ status: 200, json: {} });
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<FakeService> {
    const service = new FakeService();
    await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const received: ReceivedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: text.length === 0 ? undefined : (JSON.parse(text) as unknown),
    };
    this.requests.push(received);
    const answer = this.answer(received);
    if (answer === 'hang') return;
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    if (answer.text !== undefined) {
      res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.text);
      return;
    }
    res
      .writeHead(answer.status, { 'content-type': 'application/json' })
      .end(answer.json === undefined ? '' : JSON.stringify(answer.json));
  }
}
