import { Agent, request } from 'node:http';
import { serveCommands } from './worker.host';

/*
 * Parks long-polls: `POST /v1/conversations/sync` with `wait`, each on its own connection, and
 * counts how they end. A poll still unanswered is parked in the server.
 */

export interface PollTarget {
  readonly token: string;
  readonly conversationId: string;
  readonly afterSeq: number;
}

const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
let pending = 0;
let answered = 0;
let answeredWithMessages = 0;
const errors: Record<string, number> = {};

function poll(url: string, target: PollTarget, wait: number): Promise<void> {
  const body = JSON.stringify({
    cursors: [{ conversationId: target.conversationId, afterSeq: target.afterSeq }],
    wait,
  });
  pending++;
  return new Promise((resolve) => {
    const req = request(
      `${url}/v1/conversations/sync`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          pending--;
          if (res.statusCode === 200) {
            answered++;
            if ((JSON.parse(text) as { messages: unknown[] }).messages.length > 0)
              answeredWithMessages++;
          } else {
            const code = `HTTP_${res.statusCode}`;
            errors[code] = (errors[code] ?? 0) + 1;
          }
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      pending--;
      const code = error.code ?? error.message;
      errors[code] = (errors[code] ?? 0) + 1;
    });
    // Resolves once the request is written: it is then the server's to park.
    req.end(body, () => resolve());
  });
}

serveCommands({
  async park(args) {
    const { url, targets, count, wait } = args as {
      url: string;
      targets: PollTarget[];
      count: number;
      wait: number;
    };
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const index = next++;
        await poll(url, targets[index % targets.length]!, wait);
      }
    };
    await Promise.all(Array.from({ length: 100 }, lane));
  },
  status() {
    return { pending, answered, answeredWithMessages, errors };
  },
  close() {
    agent.destroy();
    setImmediate(() => process.exit(0));
  },
});
