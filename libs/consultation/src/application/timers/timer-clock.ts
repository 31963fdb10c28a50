import { type Clock } from '@switchboard/platform/clock/clock.port';

/** Cancels an armed callback; calling it after the callback ran does nothing. */
export type Disarm = () => void;

/**
 * Time for durable timers: the clock commands read `now` from, plus arming a callback for a
 * moment. Real: `SystemTimerClock`; tests: `FakeTimerClock`, which fires when advanced.
 */
export interface TimerClock extends Clock {
  /** Calls `callback` once `now() >= at` (soon, when `at` is already past). */
  arm(at: Date, callback: () => void): Disarm;
}

/** DI token for the TimerClock the scheduler arms timers with. */
export const TIMER_CLOCK = Symbol('TimerClock');

/** setTimeout's delay is a signed 32-bit number of ms; longer delays fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class SystemTimerClock implements TimerClock {
  constructor(private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  arm(at: Date, callback: () => void): Disarm {
    let handle: NodeJS.Timeout | undefined;
    let disarmed = false;
    const wait = (): void => {
      const delay = at.getTime() - this.clock.now().getTime();
      if (delay <= 0) {
        handle = undefined;
        if (!disarmed) callback();
        return;
      }
      // Capped and re-armed: a timer days away is checked again every ~24.8 days.
      handle = setTimeout(wait, Math.min(delay, MAX_TIMEOUT_MS));
      handle.unref?.();
    };
    handle = setTimeout(wait, 0);
    handle.unref?.();
    return () => {
      disarmed = true;
      clearTimeout(handle);
    };
  }
}

/**
 * A clock that moves only when the test says so, and fires armed callbacks as it passes their
 * moment (in due order). Wraps a FixedClock-like clock so other services can share its time.
 */
export class FakeTimerClock implements TimerClock {
  private armed: { at: number; callback: () => void; seq: number }[] = [];
  private seq = 0;

  constructor(private readonly clock: Clock & { advance(ms: number): Date }) {}

  now(): Date {
    return this.clock.now();
  }

  arm(at: Date, callback: () => void): Disarm {
    const timer = { at: at.getTime(), callback, seq: ++this.seq };
    this.armed.push(timer);
    if (timer.at <= this.now().getTime()) queueMicrotask(() => this.fireDue());
    return () => {
      this.armed = this.armed.filter((t) => t !== timer);
    };
  }

  /** Moves time forward and calls every callback now due. */
  advance(ms: number): Date {
    const now = this.clock.advance(ms);
    this.fireDue();
    return now;
  }

  /** Callbacks armed and not yet fired. */
  get pending(): number {
    return this.armed.length;
  }

  private fireDue(): void {
    const now = this.now().getTime();
    const due = this.armed.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.armed = this.armed.filter((t) => t.at > now);
    for (const timer of due) timer.callback();
  }
}
