import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from 'jsonwebtoken';
import { Server, type Socket } from 'socket.io';

/*
 * The baseline: a bare socket.io relay written for the benchmark, with Switchboard's socket
 * contract reduced to what the relay scenario uses. The handshake verifies the same HS256 JWT;
 * `conversation.sync` joins the conversations' rooms (Switchboard knows membership from its
 * log); `message.send` stamps a per-conversation seq, acks the sender with the MessageView and
 * pushes `message.new` to every member's socket, waiting for each socket's ack. Nothing is
 * stored: this is the floor the relay scenario compares Switchboard against.
 */

const SECRET = 'switchboard-development-secret-do-not-use-in-production';
const port = Number(process.env.PORT ?? 0);
const seqs = new Map<string, number>();

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
const io = new Server(http, { serveClient: false, transports: ['websocket', 'polling'] });

io.use((socket, next) => {
  try {
    const claims = verify(String(socket.handshake.auth.token), SECRET, {
      algorithms: ['HS256'],
      issuer: 'switchboard',
    }) as { sub: string; role: string };
    socket.data = { userId: claims.sub, role: claims.role };
    next();
  } catch {
    next(new Error('UNAUTHENTICATED'));
  }
});

type Ack = (answer: unknown) => void;

io.on('connection', (socket: Socket) => {
  socket.on('conversation.sync', (payload: { cursors: { conversationId: string }[] }, ack: Ack) => {
    for (const cursor of payload.cursors) void socket.join(cursor.conversationId);
    ack({ ok: true, messages: [], more: false });
  });
  socket.on(
    'message.send',
    (
      payload: { conversationId: string; clientMsgId: string; type: string; text: string },
      ack: Ack,
    ) => {
      const seq = (seqs.get(payload.conversationId) ?? 0) + 1;
      seqs.set(payload.conversationId, seq);
      const message = {
        id: randomUUID(),
        conversationId: payload.conversationId,
        seq,
        senderId: socket.data.userId as string,
        senderRole: socket.data.role as string,
        clientMsgId: payload.clientMsgId,
        type: payload.type,
        text: payload.text,
        internal: false,
        createdAt: new Date().toISOString(),
      };
      ack({ ok: true, message });
      io.to(payload.conversationId)
        .timeout(10_000)
        .emit('message.new', message, () => undefined);
    },
  );
});

http.listen(port, '127.0.0.1');
