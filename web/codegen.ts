import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Types for every document in src/api/documents.ts, from the committed schema.gql:
// a schema change that breaks a page breaks `npm run typecheck:web`.
// The staff workbenches' documents go to their own folder: a module of documents is kept whole by
// the bundler, so sharing one would put the staff operations into the resident's first chunk.
const client = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
} as const;
const config: CodegenConfig = {
  schema: at('../schema.gql'),
  ignoreNoDocuments: false,
  generates: {
    [at('./src/gql/') + '/']: { ...client, documents: [at('./src/api/operations.graphql')] },
    [at('./src/staff/gql/') + '/']: { ...client, documents: [at('./src/staff/operations.graphql'), at('./src/staff/review-admin.graphql'), at('./src/staff/unit-desk.graphql'), at('./src/staff/office-more.graphql'), at('./src/staff/disclosure.graphql'), at('./src/staff/counter.graphql')] },
  },
};
export default config;
