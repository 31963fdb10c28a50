import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of the envelope this consumer relies on (the rest is ignored). */
export interface Envelope {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

export type Checked =
  | { readonly ok: true; readonly envelope: Envelope }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks message values against the checked-in JSON Schemas: the envelope, then `data` against
 * `<topic>/<type>.v<version>.schema.json` when that file exists. A type this copy of the schemas
 * does not know passes on the envelope alone: new types may appear within v1.
 */
export class TopicValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly envelope: ValidateFunction;
  private readonly data = new Map<string, ValidateFunction>();

  constructor(schemasDir: string, topic: string) {
    addFormats(this.ajv);
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as object;
    this.envelope = this.ajv.compile(read(join(schemasDir, 'envelope.v1.schema.json')));
    for (const file of readdirSync(join(schemasDir, topic))) {
      const match = /^(.+)\.v(\d+)\.schema\.json$/.exec(file);
      if (match === null) continue;
      this.data.set(
        `${match[1]}@${match[2]}`,
        this.ajv.compile(read(join(schemasDir, topic, file))),
      );
    }
  }

  /** The message types with a data schema, e.g. `ConsultationOpened@1`. */
  get known(): string[] {
    return [...this.data.keys()];
  }

  check(value: string | Buffer | null): Checked {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value === null ? '' : value.toString());
    } catch {
      return { ok: false, reason: 'not JSON' };
    }
    if (!this.envelope(parsed)) return { ok: false, reason: describe(this.envelope, '') };
    const envelope = parsed as Envelope;
    const validate = this.data.get(`${envelope.type}@${envelope.version}`);
    if (validate !== undefined && !validate(envelope.data)) {
      return { ok: false, reason: `${envelope.type}: ${describe(validate, '/data')}` };
    }
    return { ok: true, envelope };
  }
}

function describe(validate: ValidateFunction, prefix: string): string {
  return (validate.errors ?? [])
    .map((error) => `${prefix}${error.instancePath} ${error.message ?? 'is invalid'}`)
    .join('; ');
}

interface Counts {
  opened: number;
  closed: number;
}

/**
 * Running count of consultations opened and closed per domain. `ConsultationClosed` carries no
 * domain, so the domain of each opened consultation is remembered. Delivery is at-least-once:
 * a redelivered envelope (same id) is counted once.
 */
export class DomainTally {
  private readonly byDomain = new Map<string, Counts>();
  private readonly domainOf = new Map<string, string>();
  private readonly seen = new Set<string>();

  /** Applies one valid envelope; returns the line to print, or null when nothing changed. */
  apply(envelope: Envelope): string | null {
    if (this.seen.has(envelope.id)) return null;
    this.seen.add(envelope.id);
    const consultationId = String(envelope.data.consultationId);
    if (envelope.type === 'ConsultationOpened') {
      const domain = String(envelope.data.domain);
      this.domainOf.set(consultationId, domain);
      this.counts(domain).opened += 1;
      return this.line(envelope, domain, consultationId);
    }
    if (envelope.type === 'ConsultationClosed') {
      const domain = this.domainOf.get(consultationId) ?? '(unknown)';
      this.counts(domain).closed += 1;
      return this.line(envelope, domain, consultationId);
    }
    return null;
  }

  /** `domain → {opened, closed}` so far. */
  snapshot(): Record<string, Counts> {
    return Object.fromEntries([...this.byDomain].map(([domain, c]) => [domain, { ...c }]));
  }

  private counts(domain: string): Counts {
    let counts = this.byDomain.get(domain);
    if (counts === undefined) {
      counts = { opened: 0, closed: 0 };
      this.byDomain.set(domain, counts);
    }
    return counts;
  }

  private line(envelope: Envelope, domain: string, consultationId: string): string {
    const { opened, closed } = this.counts(domain);
    return `${envelope.occurredAt} ${envelope.type} ${consultationId} domain=${domain} opened=${opened} closed=${closed}`;
  }
}
