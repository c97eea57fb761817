// The benchmark harness's own tests (`npm run bench:test`), kept out of the product suite:
// they check bench/'s measuring tools, not the platform.
import { common } from './jest.config.js';

export default {
  testTimeout: 120_000,
  projects: [{ ...common, rootDir: '.', displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.int-spec.ts'] }],
};
