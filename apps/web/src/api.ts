/**
 * The console's only way to the server: same-origin fetch, authenticated by the session cookie that
 * POST /session set (the API key itself is never kept by the page). Every write says it comes from the
 * console (X-Requested-With), which a cross-site form cannot send: the API's CSRF defence.
 */
export const CONSOLE_HEADER = { 'X-Requested-With': 'dd-console' };

export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Array<{ field?: string; path?: string; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(describeProblem(status, problem));
  }
}

export function describeProblem(status: number, problem: Problem): string {
  const fields = (problem.errors ?? []).map(
    (error) => `${error.field ?? error.path ?? ''}${error.field || error.path ? ': ' : ''}${error.message}`,
  );
  return [problem.title ?? `HTTP ${status}`, problem.detail, ...fields].filter(Boolean).join(' — ');
}

export type Params = Record<string, string | number | boolean | undefined | null>;

/** A path with its query string; empty and missing parameters are left out. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return { detail: text.slice(0, 500) };
  }
}

export interface Answer<T> {
  body: T;
  headers: Headers;
}

/** An as-of read's answer: the point it was asked as of (asOfPoint) and how the server had it (its X-As-Of-Source). */
export interface HeardAsOfSource {
  point: string;
  header: string;
}

const asOfSourceListeners = new Set<(heard: HeardAsOfSource) => void>();

/** Hears how each as-of read is answered, whichever page made it (the as-of banner); gives the way to stop. */
export function onAsOfSource(listener: (heard: HeardAsOfSource) => void): () => void {
  asOfSourceListeners.add(listener);
  return () => void asOfSourceListeners.delete(listener);
}

/** The as-of point a read names: `asOf=<value>` or `occurredAsOf=<value>`, as the route's query has it. */
export function asOfPoint(kind: string, value: string): string {
  return `${kind}=${value}`;
}

/** The as-of point of a read's URL, or null for a read of now. */
function asOfPointOfUrl(url: string): string | null {
  const query = new URL(url, location.href).searchParams;
  for (const kind of ['asOf', 'occurredAsOf']) {
    const value = query.get(kind);
    if (value) return asOfPoint(kind, value);
  }
  return null;
}

export async function getJson<T>(path: string, params: Params = {}): Promise<Answer<T>> {
  const url = apiUrl(path, params);
  const response = await fetch(url, { headers: { Accept: 'application/json', ...CONSOLE_HEADER } });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const body = (await response.json()) as T;
  const header = response.headers.get('X-As-Of-Source');
  const point = header ? asOfPointOfUrl(url) : null;
  if (header && point) for (const listener of asOfSourceListeners) listener({ point, header });
  return { body, headers: response.headers };
}

export const get = async <T>(path: string, params: Params = {}): Promise<T> => (await getJson<T>(path, params)).body;

/** The target of a `Link: <url>; rel="next"` header, if any (house paging contract). */
export function nextLink(headers: Headers): string | null {
  const link = headers.get('Link');
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return null;
}

/** A whole list read: follows `Link: rel="next"` pages (at most `maxPages`); the total is `X-Total-Count` when the server gives it. */
export async function getList<T>(
  path: string,
  params: Params = {},
  maxPages = 20,
): Promise<{ rows: T[]; total: number; truncated: boolean }> {
  let answer = await getJson<T[]>(path, params);
  const rows = [...answer.body];
  const total = Number(answer.headers.get('X-Total-Count') ?? NaN);
  for (let page = 1; page < maxPages; page++) {
    const next = nextLink(answer.headers);
    if (!next) break;
    answer = await getJson<T[]>(next);
    rows.push(...answer.body);
  }
  return { rows, total: Number.isFinite(total) ? total : rows.length, truncated: Number.isFinite(total) && total > rows.length };
}

export async function send<T = unknown>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...CONSOLE_HEADER };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One command through the API's command endpoint: the log records the signed-in principal as its actor. */
export const command = <T = unknown>(name: string, body: unknown) => send<T>('POST', `/commands/${name}`, body);

/** A multipart POST with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-Requested-With', CONSOLE_HEADER['X-Requested-With']);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'the upload did not reach the server' }));
    request.onload = () => {
      let body: unknown;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        body = { detail: request.responseText.slice(0, 500) };
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(request.status, body as Problem));
    };
    request.send(form);
  });
}
