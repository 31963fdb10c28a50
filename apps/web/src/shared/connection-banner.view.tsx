import type { ConnectionState, SwitchboardClient } from '@switchboard/client';
import { useEffect, useState } from 'preact/hooks';

/** The SDK's connection state, for screens that show it. */
export function useConnectionState(client: SwitchboardClient): ConnectionState {
  const [state, setState] = useState<ConnectionState>(client.connectionState());
  useEffect(() => client.on('connection', (next) => setState(next)), [client]);
  return state;
}

const TEXT: Partial<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Reconnecting; messages will catch up by themselves.',
  failed: 'Signed out: your session is no longer valid. Sign in again.',
  closed: 'Disconnected.',
};

/** A banner while the connection is down; the SDK reconnects and resyncs on its own. */
export function ConnectionBanner({ client }: { client: SwitchboardClient }) {
  const state = useConnectionState(client);
  const text = TEXT[state];
  if (text === undefined) return null;
  return (
    // Connecting happens at every page load: announced politely; a lost connection interrupts.
    <div
      class={`banner banner-${state}`}
      role={state === 'connecting' ? 'status' : 'alert'}
      data-connection={state}
    >
      {text}
    </div>
  );
}
