/**
 * The decider pattern (STYLE rule 3): an aggregate is three pure functions over plain data.
 * `decide` turns a command and the current state into new events (or throws a DomainError);
 * `evolve` folds one event into the state; `initialState` is the state of an empty stream.
 */

/** Who and when, passed in with every command: the domain never reads a clock or makes ids. */
export interface CommandMetadata {
  /** Unique per command; event ids are derived from it so a retried command is idempotent. */
  readonly commandId: string;
  /** The command's moment, from the caller's clock. */
  readonly now: Date;
  readonly userId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event: a readonly value with a discriminator and a schema version. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly version: number;
  readonly data: Data;
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
  readonly initialState: S;
}

/** Rebuilds state from history. */
export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<Command, E, S>, 'evolve' | 'initialState'>,
  events: readonly E[],
): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** Compile-time exhaustiveness check for `switch` over a union's `type`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
