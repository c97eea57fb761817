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
export default {
  // Two workers at least: jest's default on a 2-core machine (cores - 1) runs every file in one
  // process, leaving the second core idle while a suite waits on MariaDB, Redis or a timer. Suites
  // are isolated (own database, own Redis prefix), so they can run side by side.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Suites migrate a fresh MariaDB database in beforeAll; on a loaded 2-core machine that can take
  // far longer than jest's 5 s default. Tests bound their own waits; this only stops hangs.
  testTimeout: 120_000,
  // Each file's ESM module graph stays behind in its worker (vm modules), so a worker that has run
  // a few dozen suites holds 3–4 GB and spends its time collecting; past 1 GB it is replaced after
  // its current file (a fresh worker costs a second; the transform cache is on disk).
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int-spec.ts'] },
    // Real services on a real database, no HTTP or GraphQL (test/helpers/medium.ts).
    { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Authorization matrix, GraphQL limits, rate limits, production hardening, PII scans and a
    // short fuzz pass; the long runs are `npm run test:faults` (docs/reliability.md).
    { ...common, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.sec-spec.ts'] },
  ],
};
