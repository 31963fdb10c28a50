import { MEMBERSHIP_TTL_MS, type GatewayInfo, type Membership } from './membership.port';

export interface MembershipAnnouncerOptions {
  /** Announced TTL (default {@link MEMBERSHIP_TTL_MS}). */
  readonly ttlMs?: number;
  /** Time between announcements (default a third of the TTL: two beats may be missed). */
  readonly intervalMs?: number;
  readonly logger?: { warn(message: string, details?: Readonly<Record<string, unknown>>): void };
}

/**
 * The gateway side of Membership: announces this instance (with its current socket count) at
 * start and on every beat, and withdraws it on stop so allocators stop handing it out before
 * its sockets are drained. A failed beat is logged, never thrown: the next one repairs it,
 * and the TTL covers a gateway that dies without stopping.
 */
export class MembershipAnnouncer {
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    private readonly membership: Membership,
    private readonly info: () => GatewayInfo,
    private readonly options: MembershipAnnouncerOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? MEMBERSHIP_TTL_MS;
    this.intervalMs = options.intervalMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
  }

  /** Announces now and starts the beat. */
  async start(): Promise<void> {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    // The beat alone must never keep a process alive.
    this.timer.unref();
    await this.beat();
  }

  /** Stops the beat and withdraws this gateway. */
  async stop(): Promise<void> {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    try {
      await this.membership.withdraw(this.info().gatewayId);
    } catch (error) {
      this.warn('Membership withdraw failed', error);
    }
  }

  /** One announcement; beats never overlap (a slow Redis must not pile them up). */
  beat(): Promise<void> {
    this.beating = this.beating.then(async () => {
      try {
        await this.membership.announce(this.info(), this.ttlMs);
      } catch (error) {
        this.warn('Membership announce failed', error);
      }
    });
    return this.beating;
  }

  private warn(message: string, error: unknown): void {
    this.options.logger?.warn(message, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
