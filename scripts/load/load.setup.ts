import { randomUUID } from 'node:crypto';

/** A customer and the agent who accepted the customer's consultation, both conversation members. */
export interface ChatPair {
  readonly customerId: string;
  readonly customerToken: string;
  readonly agentId: string;
  readonly agentToken: string;
  readonly consultationId: string;
  readonly conversationId: string;
}

export type TokenSource = (userId: string, role: string) => Promise<string>;

/** Tokens from `POST /v1/auth/dev-token` (deployments in development or test mode). */
export function devTokens(url: string): TokenSource {
  return async (userId, role) => {
    const body = await rest<{ token: string }>(url, 'POST', '/v1/auth/dev-token', undefined, {
      userId,
      role,
    });
    return body.token;
  };
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One JSON call; a non-2xx answer throws `RestError` with the payload's code. */
export async function rest<T>(
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const code = typeof json.code === 'string' ? json.code : `HTTP_${res.status}`;
    throw new RestError(res.status, code, `${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  }
  return json as T;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export interface PairUpOptions {
  readonly url: string;
  readonly customers: number;
  readonly agents: number;
  readonly domain: string;
  readonly tokens: TokenSource;
  /** Called after each pair is ready (progress). */
  readonly onPair?: (ready: number) => void;
}

/**
 * Registers `agents` online agents in a fresh group (capacity shared evenly), has every
 * customer open a consultation in it over REST, and has the assigned agent accept it: what a
 * real first contact does, so the load runs against real consultations.
 */
export async function pairUp(options: PairUpOptions): Promise<ChatPair[]> {
  const { url, tokens } = options;
  const run = randomUUID().slice(0, 8);
  const group = `load-${run}`;
  const capacity = Math.ceil(options.customers / options.agents);
  const supervisor = await tokens(`load-supervisor-${run}`, 'supervisor');
  const agentIds = Array.from({ length: options.agents }, (_, i) => `load-agent-${run}-${i}`);
  const agentTokens = new Map<string, string>();
  await pool(agentIds, 20, async (agentId) => {
    const token = await tokens(agentId, 'agent');
    agentTokens.set(agentId, token);
    await rest(url, 'POST', '/v1/agents', supervisor, {
      agentId,
      capacity,
      groups: [group],
      skills: [],
      weight: 1,
    });
    await rest(url, 'PUT', `/v1/agents/${agentId}/status`, token, { status: 'online' });
  });

  let ready = 0;
  const customerIds = Array.from({ length: options.customers }, (_, i) => `load-c-${run}-${i}`);
  return pool(customerIds, 50, async (customerId) => {
    const customerToken = await tokens(customerId, 'customer');
    const opened = await rest<{ id: string; conversationId: string }>(
      url,
      'POST',
      '/v1/consultations',
      customerToken,
      { domain: options.domain, group },
    );
    const agentId = await until(`assignment of ${opened.id}`, async () => {
      const view = await rest<{ state: string; agentId: string | null }>(
        url,
        'GET',
        `/v1/consultations/${opened.id}`,
        customerToken,
      );
      return view.state === 'assigned' && view.agentId !== null ? view.agentId : undefined;
    });
    const agentToken = agentTokens.get(agentId);
    if (agentToken === undefined) throw new Error(`Assigned to a foreign agent ${agentId}`);
    await rest(url, 'POST', `/v1/consultations/${opened.id}/accept`, agentToken, {});
    // The agent joins the conversation when the assignment reaches the messaging context.
    await until(`membership of ${agentId}`, () =>
      rest(url, 'GET', `/v1/conversations/${opened.conversationId}`, agentToken).then(() => true),
    );
    options.onPair?.(++ready);
    return {
      customerId,
      customerToken,
      agentId,
      agentToken,
      consultationId: opened.id,
      conversationId: opened.conversationId,
    };
  });
}
