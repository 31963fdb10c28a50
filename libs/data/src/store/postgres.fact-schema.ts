/**
 * The read model's tables inside one schema. Text columns use the "C" collation: byte order,
 * the order SQLite and `compareFacts` use, and one that lets the btree serve prefix ranges.
 * `offset` is numeric so offsets compare as numbers ("10" > "9") up to Kafka's int64.
 */
export function factSchemaDdl(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.facts (
       id text COLLATE "C" PRIMARY KEY,
       subject text COLLATE "C" NOT NULL,
       kind text COLLATE "C" NOT NULL,
       at text COLLATE "C" NOT NULL,
       revision bigint NOT NULL,
       data json NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS facts_subject_at_idx ON ${s}.facts (subject, at, revision, id)`,
    `CREATE INDEX IF NOT EXISTS facts_at_idx ON ${s}.facts (at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.positions (
       topic text COLLATE "C" NOT NULL,
       partition integer NOT NULL,
       "offset" numeric(20, 0) NOT NULL,
       PRIMARY KEY (topic, partition)
     )`,
  ];
}

/** A schema name is an identifier we quote; only plain lowercase names are accepted. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid schema name "${name}": use lowercase letters, digits and _`);
  }
  return `"${name}"`;
}
