import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** Any generated document (the resident's src/gql/ or the staff's src/staff/gql/): its text plus its types. */
type TypedDocument<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };

// The portal's one GraphQL client: JSON POST to /graphql with the session cookie (HttpOnly,
// set by the api at sign-in; page scripts never see the token). application/json keeps the api's
// CSRF rule satisfied; the x-civicloop-session header asks sign-in for a cookie, not a token.

/** The codes the api puts in `extensions.code`, plus NETWORK when no answer came back. */
export type ApiErrorCode =
  | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED'
  | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_REQUEST' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR' | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** BAD_USER_INPUT: the input field the message belongs to. */
    readonly field?: string,
    readonly retryAfterSeconds?: number,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorJson {
  message: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number; requestId?: string };
}

const KNOWN = new Set<ApiErrorCode>([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
]);

function toApiError(e: GraphQLErrorJson): ApiError {
  const code = (KNOWN.has(e.extensions?.code as ApiErrorCode) ? e.extensions!.code : 'INTERNAL_SERVER_ERROR') as ApiErrorCode;
  return new ApiError(code, e.message, e.extensions?.field, e.extensions?.retryAfterSeconds, e.extensions?.requestId);
}

export async function request<R, V>(document: TypedDocument<R, V>, ...[variables]: V extends Record<string, never> ? [] | [V] : [V]): Promise<R> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-civicloop-session': 'cookie' },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  let body: { data?: R | null; errors?: GraphQLErrorJson[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(response.status === 503 ? 'SERVICE_UNAVAILABLE' : 'NETWORK', `HTTP ${response.status}`);
  }
  if (body?.errors?.length) throw toApiError(body.errors[0]!);
  if (!body?.data) throw new ApiError('INTERNAL_SERVER_ERROR', `HTTP ${response.status}`);
  return body.data;
}
