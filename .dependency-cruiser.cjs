/** Layer rules, checked by a tool: apps import libs; libs never import apps; no app imports another. */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'A shared library must not depend on an application.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another-app',
      severity: 'error',
      comment: 'Apps talk to each other over Kafka only, never through code.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'only-messaging-imports-kafkajs',
      severity: 'error',
      comment: 'kafkajs stays behind libs/messaging so that it can be replaced without touching features.',
      from: { pathNot: '^libs/messaging/' },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'Rules in libs/domain are plain TypeScript: no Nest, TypeORM or Kafka.',
      from: { path: '^libs/domain/' },
      to: { path: 'node_modules/(@nestjs|typeorm|kafkajs|pg)/' },
    },
    {
      name: 'cases-is-framework-free',
      severity: 'error',
      comment: 'The case rules in libs/cases are plain TypeScript: no Nest, TypeORM, pg or Kafka.',
      from: { path: '^libs/cases/' },
      to: { path: 'node_modules/(@nestjs|typeorm|kafkajs|pg)/' },
    },
    {
      name: 'calendar-is-framework-free',
      severity: 'error',
      comment: 'The working-day calendar in libs/calendar is data and plain TypeScript: no Nest, TypeORM, pg or Kafka.',
      from: { path: '^libs/calendar/' },
      to: { path: 'node_modules/(@nestjs|typeorm|kafkajs|pg)/' },
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
    exclude: { path: '^(dist|\\.tongban)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
    combinedDependencies: false,
  },
};
