import type { RestClient } from '@switchboard/client';
import { useEffect, useState } from 'preact/hooks';
import type { AgentView } from './agent.types';

/** Hands the consultation to another agent (who must accept it) or back to a group's queue. */
export function TransferForm(props: {
  api: RestClient;
  me: string;
  consultationId: string;
  onDone: () => void;
}) {
  const [agents, setAgents] = useState<readonly AgentView[]>([]);
  const [target, setTarget] = useState<'group' | 'agent'>('group');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    props.api.call<AgentView[]>('GET', '/v1/agents').then(setAgents, () => setAgents([]));
  }, [props.api]);

  const groups = [...new Set(agents.flatMap((a) => a.groups))].sort();
  const others = agents.filter((a) => a.agentId !== props.me);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = target === 'group' ? { group: value.trim() } : { agentId: value };
      await props.api.call('POST', `/v1/consultations/${props.consultationId}/transfer`, body);
      setValue('');
      props.onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="transfer" onSubmit={submit} aria-label="Transfer">
      <label>
        Transfer to
        <select
          value={target}
          onChange={(e) => {
            setTarget(e.currentTarget.value as 'group' | 'agent');
            setValue('');
          }}
        >
          <option value="group">a group</option>
          <option value="agent">an agent</option>
        </select>
      </label>
      {target === 'group' ? (
        <label>
          Group
          <input
            list="transfer-groups"
            value={value}
            required
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          <datalist id="transfer-groups">
            {groups.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
        </label>
      ) : (
        <label>
          Agent
          <select value={value} required onChange={(e) => setValue(e.currentTarget.value)}>
            <option value="">Choose an agent</option>
            {others.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.name ?? a.agentId} ({a.status}, {a.load}/{a.capacity})
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={busy || value.trim() === ''}>
        Transfer
      </button>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}
