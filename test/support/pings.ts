import request from 'supertest';
import { bearer, signIn } from './staff.js';

export interface PingSummary {
  total: number;
  distinctEvents: number;
  keys: number;
  outOfOrder: number;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
}

/** Headers every diagnostics call carries: the node administrator's token. */
export type AuthHeaders = () => Promise<Record<string, string>>;

const sessions = new Map<string, Promise<string>>();
/** Signs in as the demo node administrator of the node at `url` once, and reuses the token. */
export function adminOf(url: string): AuthHeaders {
  return async () => {
    if (!sessions.has(url)) sessions.set(url, signIn(url, 'admin').then((s) => s.accessToken));
    return bearer(await sessions.get(url)!);
  };
}

export async function sendPings(
  url: string,
  body: { target: string; message: string; count?: number; keys?: number; keyPrefix?: string },
  auth: AuthHeaders = adminOf(url),
): Promise<{ sent: number; firstEventId: string }> {
  const res = await request(url).post('/diagnostics/pings').set(await auth()).send(body);
  if (res.status !== 201) throw new Error(`sending pings failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { sent: number; firstEventId: string };
}

export async function pingSummary(url: string, auth: AuthHeaders = adminOf(url)): Promise<PingSummary> {
  const res = await request(url).get('/diagnostics/pings/summary').set(await auth());
  if (res.status !== 200) throw new Error(`reading the ping summary failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PingSummary;
}

/** A request to a node as its administrator. */
export async function asAdmin(url: string): Promise<Record<string, string>> {
  return adminOf(url)();
}

/** The node's health in detail, read as its administrator (the public /health says only up or down). */
export async function health(url: string): Promise<{ status: string; checks: Record<string, Record<string, unknown>> }> {
  const res = await request(url).get('/health/details').set(await asAdmin(url));
  return res.body as { status: string; checks: Record<string, Record<string, unknown>> };
}
