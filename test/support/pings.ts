import request from 'supertest';

export interface PingSummary {
  total: number;
  distinctEvents: number;
  keys: number;
  outOfOrder: number;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
}

/** Headers every diagnostics call carries (sign-in, once the node requires it). */
export type AuthHeaders = () => Promise<Record<string, string>>;
const none: AuthHeaders = async () => ({});

export async function sendPings(
  url: string,
  body: { target: string; message: string; count?: number; keys?: number; keyPrefix?: string },
  auth: AuthHeaders = none,
): Promise<{ sent: number; firstEventId: string }> {
  const res = await request(url).post('/diagnostics/pings').set(await auth()).send(body);
  if (res.status !== 201) throw new Error(`sending pings failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { sent: number; firstEventId: string };
}

export async function pingSummary(url: string, auth: AuthHeaders = none): Promise<PingSummary> {
  const res = await request(url).get('/diagnostics/pings/summary').set(await auth());
  if (res.status !== 200) throw new Error(`reading the ping summary failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PingSummary;
}

export async function health(url: string): Promise<{ status: string; checks: Record<string, Record<string, unknown>> }> {
  const res = await request(url).get('/health');
  return res.body as { status: string; checks: Record<string, Record<string, unknown>> };
}
