/**
 * Gate for suites that need a real server (Kafka, PostgreSQL, Redis, EventStoreDB).
 *
 * When the server answers, the suite runs. When it does not: if the suite's `REQUIRE_*`
 * variable is set (CI sets them), the probe's error is thrown so the suite FAILS; otherwise one
 * loud line says the suite was skipped and why. Never a silent skip.
 */
export interface RealInfra {
  /** Human name, e.g. "Kafka". */
  readonly name: string;
  /** Variable that makes the server mandatory, e.g. "REQUIRE_KAFKA". */
  readonly requireVar: string;
  /** Resolves when the server is reachable; rejects with the reason otherwise. */
  readonly probe: () => Promise<void>;
  /** Optional: a precondition that is not a server (e.g. EVENTSTORE_URL unset). */
  readonly unavailableReason?: string;
}

export async function realInfraAvailable(infra: RealInfra): Promise<boolean> {
  const required = isSet(process.env[infra.requireVar]);
  if (infra.unavailableReason !== undefined) {
    if (required) throw new Error(`${infra.requireVar} is set but ${infra.unavailableReason}`);
    skipNotice(infra, infra.unavailableReason);
    return false;
  }
  try {
    await withTimeout(infra.probe(), 10_000, `${infra.name} probe timed out after 10 s`);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (required) {
      throw new Error(`${infra.requireVar} is set but ${infra.name} is unreachable: ${reason}`);
    }
    skipNotice(infra, `${infra.name} is unreachable (${reason})`);
    return false;
  }
}

function skipNotice(infra: RealInfra, reason: string): void {
  console.warn(
    `\n*** SKIPPED: ${infra.name} suites did not run: ${reason}. ` +
      `Set ${infra.requireVar}=1 to make this a failure. ***\n`,
  );
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
