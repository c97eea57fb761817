// ESM project: jest runs with --experimental-vm-modules and ts-jest in ESM mode
// (NestJS 12 is ESM-only; see docs/architecture.md, "Toolchain").
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/helpers/content-disposition.cjs',
  },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
export default {
  // Suites migrate a fresh MariaDB database in beforeAll; on a loaded 2-core machine that can take
  // far longer than jest's 5 s default. Tests bound their own waits; this only stops hangs.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Authorization matrix, GraphQL limits, rate limits, production hardening, PII scans and a
    // short fuzz pass; the long runs are `npm run test:faults` (docs/reliability.md).
    { ...common, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.sec-spec.ts'] },
  ],
};
