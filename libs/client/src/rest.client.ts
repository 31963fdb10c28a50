import { CLIENT_ERROR_CODES, SwitchboardError } from './switchboard.error';
import type { TokenSource } from './client.types';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RestCallOptions {
  readonly timeoutMs?: number;
  /** Extra request headers (e.g. `idempotency-key`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called with an abort function while the call is in flight (so `close()` can end it). */
  readonly onAbortable?: (abort: () => void) => void;
}

/** Resolves a token source to the current token. */
export async function resolveToken(source: TokenSource | undefined): Promise<string | undefined> {
  return typeof source === 'function' ? await source() : source;
}

/**
 * The REST half of the protocol over `fetch` (global in Node 20 and browsers). Every failure
 * becomes a SwitchboardError: the body's `{code, message, errors}`, TIMEOUT, or NETWORK_ERROR.
 */
export class RestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: TokenSource,
    private readonly fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
  ) {}

  async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options: RestCallOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
    const token = await resolveToken(this.token);
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    };
    return this.send(path, init, options, async (response) => {
      const parsed = parseJson(await response.text());
      if (!response.ok) throw SwitchboardError.fromPayload(parsed, response.status);
      return parsed as T;
    });
  }

  /** A binary GET (an upload's bytes, e.g. to show an image); errors as for `call`. */
  async blob(path: string, options: RestCallOptions = {}): Promise<Blob> {
    const token = await resolveToken(this.token);
    const headers: Record<string, string> =
      token === undefined ? {} : { authorization: `Bearer ${token}` };
    return this.send(path, { method: 'GET', headers }, options, async (response) => {
      if (response.ok) return response.blob();
      throw SwitchboardError.fromPayload(parseJson(await response.text()), response.status);
    });
  }

  private async send<T>(
    path: string,
    init: RequestInit,
    options: RestCallOptions,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, options.timeoutMs);
    options.onAbortable?.(() => controller.abort());
    try {
      const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        ...init,
        signal: controller.signal,
      });
      return await read(response);
    } catch (error) {
      if (error instanceof SwitchboardError) throw error;
      if (timedOut) {
        throw new SwitchboardError(CLIENT_ERROR_CODES.timeout, `No answer to ${path} in time`);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new SwitchboardError(CLIENT_ERROR_CODES.network, `Request failed: ${reason}`);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
