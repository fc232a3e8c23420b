// The console's one way to the node's HTTP API: the signed-in session's tokens, refreshed before they
// lapse (one refresh at a time: a refresh token works once, and a second use ends the session), and
// every error turned into an ApiError carrying the node's code, its zh/en message and the field problems.

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
  messageEn: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly errors: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(messageEn || messageZh || code);
  }
  text(lang: 'zh' | 'en'): string {
    const head = lang === 'zh' ? this.messageZh || this.messageEn : this.messageEn || this.messageZh;
    const fields = this.errors.map((e) => (lang === 'zh' ? e.message : e.messageEn)).filter(Boolean);
    return fields.length > 0 ? `${head}：${fields.join('；')}` : head;
  }
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  sessionExpiresAt: string;
}

const KEY = 'tongban.session';
type Listener = (reason: 'expired' | 'signed-out') => void;
const listeners = new Set<Listener>();
let refreshing: Promise<Tokens | null> | null = null;

export function loadTokens(): Tokens | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Tokens;
  } catch {
    return null;
  }
}

export function saveTokens(t: Tokens | null): void {
  if (t) sessionStorage.setItem(KEY, JSON.stringify(t));
  else sessionStorage.removeItem(KEY);
}

/** Called when the session can no longer be used (expired, revoked elsewhere): the shell shows sign-in. */
export function onSessionLost(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function lose(reason: 'expired' | 'signed-out'): void {
  saveTokens(null);
  for (const l of listeners) l(reason);
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON: keep the status */
  }
  return new ApiError(
    res.status,
    String(body.code ?? `HTTP_${res.status}`),
    String(body.message ?? ''),
    String(body.messageEn ?? res.statusText),
    Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [],
    body,
  );
}

async function refresh(): Promise<Tokens | null> {
  const current = loadTokens();
  if (!current) return null;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (!res.ok) return null;
      const t = (await res.json()) as Tokens;
      saveTokens(t);
      return t;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function usableToken(): Promise<string | null> {
  const t = loadTokens();
  if (!t) return null;
  // Refresh a little before the access token lapses, so a form submitted at minute 15 still goes through.
  if (Date.parse(t.accessTokenExpiresAt) - Date.now() < 60_000) {
    const next = await refresh();
    return next?.accessToken ?? null;
  }
  return t.accessToken;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** An Idempotency-Key for a step that must not be applied twice (a double click sends the same key). */
  idempotencyKey?: string;
  /** The answer is a file (PDF, workbook): return the Blob. */
  blob?: boolean;
  /** Public endpoints: no token. */
  anonymous?: boolean;
  /** A raw body (a file upload): sent as is with its own content type. */
  raw?: Blob;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const send = async (token: string | null): Promise<Response> => {
    const headers: Record<string, string> = { accept: opts.blob ? '*/*' : 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let body: BodyInit | undefined;
    if (opts.raw) {
      body = opts.raw;
      headers['content-type'] = opts.raw.type || 'application/octet-stream';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    return fetch(withQuery(path, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  };
  let res = await send(opts.anonymous ? null : await usableToken());
  if (res.status === 401 && !opts.anonymous && loadTokens()) {
    const next = await refresh();
    if (next) res = await send(next.accessToken);
    if (res.status === 401) lose('expired');
  }
  if (!res.ok) throw await errorOf(res);
  if (opts.blob) return (await res.blob()) as T;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function signIn(login: string, password: string): Promise<Tokens> {
  const t = await api<Tokens>('/auth/sign-in', { body: { login, password }, anonymous: true });
  saveTokens(t);
  return t;
}

export async function signOut(): Promise<void> {
  try {
    await api('/auth/sign-out', { method: 'POST' });
  } finally {
    lose('signed-out');
  }
}

/** A fresh key for one press of a button that changes something. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Opens a PDF the node renders in a new window, where the browser's print dialog is one click away. */
export async function openPdf(path: string, print = false): Promise<Window | null> {
  const blob = await api<Blob>(path, { blob: true });
  const url = URL.createObjectURL(blob);
  const w = window.open(url, '_blank');
  if (print && w) w.addEventListener('load', () => w.print());
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return w;
}

/** Saves a file the node renders (a workbook, a PDF) under a name. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await api<Blob>(path, { blob: true });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
