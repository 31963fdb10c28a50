import { io, type Socket } from 'socket.io-client';
import { serveCommands } from './worker.host';
import { devToken } from './tokens';

/* Opens idle sockets (one customer each) and holds them until told to close. */

const sockets: Socket[] = [];

function open(url: string, userId: string): Promise<string | null> {
  const socket = io(url, {
    auth: { token: devToken(userId, 'customer'), device: 'web', deviceId: `dev-${userId}` },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
      resolve(error.data?.code ?? error.message),
    );
  });
}

serveCommands({
  async open(args) {
    const { url, count, prefix, concurrency } = args as {
      url: string;
      count: number;
      prefix: string;
      concurrency: number;
    };
    const errors: Record<string, number> = {};
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const error = await open(url, `${prefix}-${next++}`);
        if (error !== null) errors[error] = (errors[error] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { connected: sockets.filter((s) => s.connected).length, errors };
  },
  status() {
    return { connected: sockets.filter((s) => s.connected).length };
  },
  close() {
    for (const socket of sockets) socket.disconnect();
    setImmediate(() => process.exit(0));
  },
});
