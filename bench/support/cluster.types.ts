import type { ChatPair } from '../../scripts/load/load.setup';

/** A chat pair and the gateway (index and URL) each side connects to. */
export interface ClusterPair extends ChatPair {
  readonly customerGateway: number;
  readonly agentGateway: number;
  readonly gatewayUrls: readonly string[];
}

/** One measured window of a cluster load generator. */
export interface ClusterStats {
  /** Send to the peer's `message.new`, ms (one clock: both ends live in this process). */
  readonly latenciesMs: number[];
  /** Send to the sender's ack (the append is durable), ms. */
  readonly ackMs: number[];
  /** Send to the message's `createdAt` (wall clock, the im's): the hop into the command handler. */
  readonly toCreatedMs: number[];
  /** `createdAt` to the peer's `message.new` (wall clock): append, relay, bus, dispatch, link. */
  readonly createdToPeerMs: number[];
  readonly sent: number;
  readonly delivered: number;
  readonly seconds: number;
  readonly errors: Readonly<Record<string, number>>;
  /** Per gateway index: ids of acked messages with a member socket there (what it should get). */
  readonly expectedByGateway: string[][];
  /** The machine's 1-minute load average as the window closed (set when merged). */
  readonly loadAverage?: number;
}
