/**
 * Time for the application layer: command metadata (`now`) and timers read it here, never from
 * `Date.now()`, so tests drive time with a fake clock (`FixedClock` in `@switchboard/testing`).
 */
export interface Clock {
  now(): Date;
}

/** DI token for the Clock port. */
export const CLOCK = Symbol('Clock');

/** The wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
