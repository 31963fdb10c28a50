import { Inject, Injectable } from '@nestjs/common';
import { deriveEventId, DomainError, fold, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  type AgentCommand,
  agentDecider,
  type AgentDecider,
  type AgentState,
  agentStream,
  type RegisteredAgent,
} from '../../domain';
import { type CommandMetadata } from '@switchboard/es-core';
import { agentNotFound } from './access.errors';
import { AGENT_STREAM_OPTIONS, loadAgent, toAgentEvent } from './agent-stream';
import { commandMetadata, type RequestContext } from '@switchboard/platform';

/**
 * The command path for agent use cases (stream `agent-<id>`): like ConsultationCommandRunner,
 * an unknown agent is AGENT_NOT_FOUND (404) for every command but `register`.
 */
@Injectable()
export class AgentCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(
    agentId: string,
    context: RequestContext,
    scope: string,
    build: (metadata: CommandMetadata) => AgentCommand,
  ): Promise<RegisteredAgent> {
    const metadata = commandMetadata(context, this.clock, `${scope}/agent/${agentId}`);
    const stream = agentStream(agentId);
    const decider: AgentDecider = {
      ...agentDecider,
      decide: (command, state) => {
        if (command.type !== 'register') this.registered(agentId, state);
        return agentDecider.decide(command, state);
      },
    };
    try {
      const command = build(metadata);
      const result = await handleCommand(
        this.store,
        stream,
        decider,
        command,
        AGENT_STREAM_OPTIONS,
      );
      return this.registered(agentId, result.state);
    } catch (error) {
      if (context.idempotencyKey !== undefined && error instanceof DomainError) {
        const firstEventId = deriveEventId(metadata.commandId, 0);
        const events = await this.store.readStream(stream);
        if (events.some((event) => event.id.toLowerCase() === firstEventId)) {
          return this.registered(agentId, fold(agentDecider, events.map(toAgentEvent)));
        }
      }
      throw error;
    }
  }

  /** The agent folded from its stream; 404 when it was never registered. */
  async load(agentId: string): Promise<RegisteredAgent> {
    return this.registered(agentId, (await loadAgent(this.store, agentId)).state);
  }

  /** The agent's groups, or none when the caller is not a registered agent. */
  async groupsOf(agentId: string): Promise<readonly string[]> {
    const { state } = await loadAgent(this.store, agentId);
    return state.status === 'unregistered' ? [] : state.groups;
  }

  private registered(agentId: string, state: AgentState): RegisteredAgent {
    if (state.status === 'unregistered') throw agentNotFound(agentId);
    return state;
  }
}
