import { availableParallelism } from 'node:os';
// ESM project: jest runs with --experimental-vm-modules (NestJS 12 is ESM-only; see
// docs/architecture.md, "Toolchain"). SWC transpiles each file on its own (types are checked
// once by `npm run typecheck`), which is what makes the suite fast: ts-jest type-checked every
// file it loaded.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];
export const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/helpers/content-disposition.cjs',
  },
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
};
const sqliteProjects = [
  { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
  { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int-spec.ts'] },
  // Real services on a real database, no HTTP or GraphQL (test/helpers/medium.ts).
  { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
  { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  // Authorization matrix, GraphQL limits, rate limits, production hardening, PII scans and a
  // short fuzz pass; the long runs are `npm run test:faults` (docs/reliability.md).
  { ...common, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.sec-spec.ts'] },
];
// What runs again on MariaDB (TEST_DB=mysql with --selectProjects, as `npm run test:mysql` does).
const mysqlProjects = sqliteProjects.filter((p) => ['integration', 'medium', 'e2e'].includes(p.displayName));
// TEST_DB=both: both sets in one run, so two workers stay busy across the two databases instead
// of idling at the end of each (test/helpers/pin-database.cjs).
const onDatabase = (projects, db) =>
  projects.map((p) => ({ ...p, displayName: `${p.displayName} (${db})`, globals: { __TEST_DB__: db }, setupFiles: ['<rootDir>/test/helpers/pin-database.cjs'] }));

export default {
  // Two workers at least: jest's default on a 2-core machine (cores - 1) runs every file in one
  // process, leaving the second core idle while a suite waits on MariaDB, Redis or a timer. Suites
  // are isolated (own database, own Redis prefix), so they can run side by side.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Suites migrate a fresh MariaDB database in beforeAll; on a loaded 2-core machine that can take
  // far longer than jest's 5 s default. Tests bound their own waits; this only stops hangs.
  testTimeout: 120_000,
  projects: process.env.TEST_DB === 'both' ? [...onDatabase(sqliteProjects, 'sqlite'), ...onDatabase(mysqlProjects, 'mysql')] : sqliteProjects,
};
