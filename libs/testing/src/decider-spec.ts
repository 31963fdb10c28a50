import { expect } from 'vitest';
import {
  type Command,
  type Decider,
  type DomainEvent,
  DomainError,
  fold,
} from '@switchboard/es-core';

/**
 * Given/when/then for deciders (STYLE rule 7):
 * `deciderSpec(decider).given([...events]).when(command).then([...events])`
 * or `.thenFails('ERROR_CODE')`.
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: readonly E[]): void {
              expect(run()).toEqual(expected);
            },
            thenFails(code: string): DomainError {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught, `expected ${code}, got no error`).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              return caught as DomainError;
            },
          };
        },
      };
    },
  };
}
