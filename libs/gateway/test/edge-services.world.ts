import { describeError, type ErrorPayload, type Role } from '@switchboard/platform';
import { type EdgeCaller, type EdgeServices } from '../src/edge/edge-services.port';

/** A consultation in progress: the customer and the agent both members of its conversation. */
export interface EdgeChat {
  readonly customerId: string;
  readonly agentId: string;
  readonly consultationId: string;
  readonly conversationId: string;
}

/**
 * What the contract needs around an adapter: a running Switchboard whose contexts the adapter
 * reaches, and a few steps it takes outside the port (the REST API the agent side uses).
 */
export interface EdgeWorld {
  readonly edge: EdgeServices;
  /** A caller acting as `userId` (with a valid token for the HTTP adapter). */
  caller(userId: string, role: Role): EdgeCaller;
  /** A fresh id with a readable prefix. */
  id(prefix: string): string;
  /** A customer's consultation, assigned to and accepted by an online agent. */
  chat(): Promise<EdgeChat>;
  /** Its agent resolves the consultation (so that it may be rated). */
  resolve(chat: EdgeChat): Promise<void>;
  /** The correlation ids stored with a stream's events, oldest first. */
  correlationIds(streamId: string): Promise<(string | undefined)[]>;
  dispose(): Promise<void>;
}

/** The `{code, message}` an ack would carry for what `call` rejected with. */
export async function refusal(call: Promise<unknown>): Promise<ErrorPayload> {
  try {
    await call;
  } catch (error) {
    return describeError(error).payload;
  }
  throw new Error('expected a refusal, the call succeeded');
}
