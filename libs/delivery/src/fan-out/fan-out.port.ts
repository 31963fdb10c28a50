import { type ServerEvent } from '../gateway-link/gateway-link.port';

/** Someone an event is meant for: the rules decide per role and device what they get. */
export interface AudienceMember {
  readonly userId: string;
  readonly role: string;
}

export interface FanOutOptions {
  /** The socket the event came from: never echoed back to it. */
  readonly exceptWsid?: string;
  /** Conversation domain, for domain rules. */
  readonly domain?: string | null;
}

/**
 * Ephemeral, targeted fan-out without the event store (typing, presence, queue positions):
 * looks up the audience's live connections in the registry, applies the delivery rules
 * (role, device kind), and hands each gateway only its own sockets. Offline users get
 * nothing: ephemeral events are never pushed.
 */
export interface FanOut {
  fanOut(
    audience: readonly AudienceMember[],
    event: ServerEvent,
    payload: unknown,
    options?: FanOutOptions,
  ): Promise<void>;
}

export const FAN_OUT = Symbol('FanOut');
