import { type RestClient, SwitchboardError } from '@switchboard/client';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentStatus, AgentView } from './agent.types';

const REFRESH_MS = 10_000;

export interface AgentModel {
  readonly agent: AgentView | undefined;
  /** True when the signed-in user is not a registered agent (a supervisor registers agents). */
  readonly notRegistered: boolean;
  readonly error: string | undefined;
  setStatus(status: AgentStatus): Promise<void>;
  refresh(): void;
}

/** The signed-in agent's own record: status, capacity and load (refreshed as load changes). */
export function useAgent(api: RestClient, agentId: string): AgentModel {
  const [agent, setAgent] = useState<AgentView>();
  const [notRegistered, setNotRegistered] = useState(false);
  const [error, setError] = useState<string>();
  const path = `/v1/agents/${encodeURIComponent(agentId)}`;

  const refresh = useCallback(() => {
    api.call<AgentView>('GET', path).then(
      (view) => {
        setAgent(view);
        setNotRegistered(false);
      },
      (cause: unknown) => {
        // Other failures (offline...) keep the last known record: the next refresh retries.
        if (cause instanceof SwitchboardError && cause.status === 404) setNotRegistered(true);
      },
    );
  }, [api, path]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const setStatus = useCallback(
    async (status: AgentStatus) => {
      setError(undefined);
      try {
        setAgent(await api.call<AgentView>('PUT', `${path}/status`, { status }));
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : String(cause));
      }
    },
    [api, path],
  );

  return { agent, notRegistered, error, setStatus, refresh };
}
