import { ApiError } from './client';
import { UploadError } from './upload';
import { i18n } from '../i18n';

// The one place an API error becomes words for people: by code (and field), in the current locale.
// Pages show what this returns, never the server's raw message.

export function errorMessage(err: unknown): string {
  const t = i18n.global.t;
  if (!(err instanceof ApiError)) return t('errors.INTERNAL_SERVER_ERROR');
  switch (err.code) {
    case 'BAD_USER_INPUT':
      return err.field ? t('errors.BAD_USER_INPUT_FIELD', { field: fieldLabel(err.field) }) : t('errors.BAD_USER_INPUT');
    case 'RATE_LIMITED':
      return t('errors.RATE_LIMITED', { seconds: err.retryAfterSeconds ?? 60 });
    case 'INTERNAL_SERVER_ERROR':
      return err.requestId ? t('errors.INTERNAL_WITH_ID', { id: err.requestId }) : t('errors.INTERNAL_SERVER_ERROR');
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'SERVICE_UNAVAILABLE':
    case 'NETWORK':
      return t(`errors.${err.code}`);
  }
}

/** The input field an error belongs to (`input.title` → `title`), for showing it at the field. */
export function errorField(err: unknown): string | undefined {
  return err instanceof ApiError && err.code === 'BAD_USER_INPUT' && err.field ? err.field.replace(/^input\./, '') : undefined;
}

/** A lost connection or an overloaded server: the page offers a retry. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'NETWORK' || err.code === 'SERVICE_UNAVAILABLE');
}

function fieldLabel(field: string): string {
  const key = `fields.${field.replace(/^input\./, '')}`;
  return i18n.global.te(key) ? i18n.global.t(key) : field;
}

/** Why a photo upload failed, in words: the reasons the api gives, else the code's message. */
export function photoErrorMessage(err: unknown): string {
  const t = i18n.global.t;
  if (err instanceof UploadError && err.reason) {
    const key = `photos.reasons.${err.reason}`;
    if (i18n.global.te(key)) return t(key);
  }
  return errorMessage(err);
}
