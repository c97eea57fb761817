import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Types for every document the tests wrap in `graphql(...)`, from the committed schema.gql: a schema
// change that breaks a test's document, or a test that reads a field the schema does not have, breaks
// `npm run typecheck`. Documents sent on purpose malformed or invalid stay plain strings (not plucked).
const config: CodegenConfig = {
  schema: at('../schema.gql'),
  documents: [at('./') + '/**/*.ts', '!' + at('./gql/') + '/**'],
  // NodeNext: the generated modules import each other with `.js`.
  emitLegacyCommonJSImports: false,
  ignoreNoDocuments: false,
  generates: {
    [at('./gql/') + '/']: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};
export default config;
