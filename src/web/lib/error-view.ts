import { ApiError } from '../api/client.ts';
import type { ErrorDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages-fr.ts';

/**
 * What to tell the user about a failed request. The API answers `{ error, code, details }` in
 * English; the headline is chosen from the code (or the status) in the user's language, and the
 * server's own details, which name the row, field and value, are kept as they are (in English).
 */
export interface ErrorView {
  /** in the user's language */
  headline: string;
  /** the server's words (English): `path : message` */
  details: string[];
}

type Translate = (key: MessageKey) => string;

const BY_CODE: Record<string, MessageKey> = {
  validation_failed: 'error.validation',
  unauthenticated: 'error.401',
  forbidden: 'error.403',
  not_found: 'error.404',
  conflict: 'error.conflict',
  import_rejected: 'error.importRejected',
};

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.validation',
  401: 'error.401',
  403: 'error.403',
  404: 'error.404',
  409: 'error.conflict',
  422: 'error.importRejected',
};

/** Headlines that say it all: the server's sentence ("Organisation 12 not found") adds nothing. */
const SELF_EXPLAINED: ReadonlySet<MessageKey> = new Set([
  'error.401',
  'error.403',
  'error.404',
  'error.server',
]);

export function detailText(d: ErrorDetail): string {
  return d.path ? `${d.path}: ${d.message}` : d.message;
}

export function describeError(t: Translate, error: unknown): ErrorView {
  if (error instanceof ApiError) {
    if (error.status === 0) return { headline: t('error.network'), details: [] };
    const key =
      BY_CODE[error.code] ?? BY_STATUS[error.status] ?? (error.status >= 500 ? 'error.server' : undefined);
    const details = error.details.map(detailText);
    if (!key) return { headline: t('error.unexpected'), details: [error.message, ...details] };
    if (details.length === 0 && !SELF_EXPLAINED.has(key) && error.message !== `HTTP ${error.status}`)
      details.push(error.message);
    return { headline: t(key), details };
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message))
    return { headline: t('error.network'), details: [] };
  return {
    headline: t('error.unexpected'),
    details: [error instanceof Error ? error.message : String(error)],
  };
}
