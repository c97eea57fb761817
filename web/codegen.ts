import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Types for every document in src/api/documents.ts, from the committed schema.gql:
// a schema change that breaks a page breaks `npm run typecheck:web`.
const config: CodegenConfig = {
  schema: at('../schema.gql'),
  documents: [at('./src/api/operations.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [at('./src/gql/') + '/']: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};
export default config;
