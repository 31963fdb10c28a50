/** Dependency rules: the domain stays pure, contexts meet only through ports. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'A domain folder (and es-core) imports nothing from Nest, drivers or infrastructure.',
      severity: 'error',
      from: { path: '(^libs/[^/]+/src/domain/|^libs/es-core/src/)' },
      to: {
        pathNot: '^libs/es-core/src/',
        path: [
          '^node_modules/(@nestjs|better-sqlite3|pg|kafkajs|@eventstore|ioredis|socket\\.io|express|pino)',
          '/infrastructure/',
          '/adapters/',
          '^apps/',
        ],
      },
    },
    {
      name: 'contexts-meet-through-contracts',
      comment:
        'Consultation, conversation, delivery, data and user never import each other: they meet through ' +
        'libs/contracts on the bus or through a named port. Only the gateway (the edge) and the ' +
        'apps compose them.',
      severity: 'error',
      from: { path: '^libs/(consultation|conversation|delivery|data)/' },
      to: { path: '^libs/(consultation|conversation|delivery|data|user)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'user-reads-the-data-read-model-only',
      comment:
        'The user module is a view over the data service read model (facts): it may import ' +
        'libs/data, never the other contexts.',
      severity: 'error',
      from: { path: '^libs/user/' },
      to: { path: '^libs/(consultation|conversation|delivery)/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
