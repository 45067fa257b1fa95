import type { ErrorBody, ErrorDetail } from './types.ts';

export const API_BASE = '/api/v1';

/** An HTTP answer that is not 2xx, with the server's `{ error, code, details }` when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const b = isErrorBody(body) ? body : null;
    super(b?.error ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = b?.code ?? 'http_error';
    this.details = b?.details ?? [];
    this.body = body;
  }
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as { error?: unknown }).error === 'string';
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return res.json();
  return res.text();
}

/** Call the API; resolves with the parsed JSON, rejects with an ApiError on a non-2xx answer. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body != null && typeof init.body === 'string' && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  headers.set('accept', 'application/json');
  const res = await fetch(`${API_BASE}${path}`, { ...init, headers, credentials: 'same-origin' });
  const body = await readBody(res);
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

/** JSON-encode and send. */
export function send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return api<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A query string from a record, skipping empty values. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
