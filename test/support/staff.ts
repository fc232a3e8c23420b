import request from 'supertest';
import { DEMO_PASSWORD } from '#libs/identity';

/** Node settings for a test network whose nodes have the demo accounts (and sign with the demo secret). */
export const DEMO_ENV = { TONGBAN_DEMO: '1' };

export interface Session {
  accessToken: string;
  refreshToken: string;
  staff: { id: string; login: string; roles: string[]; mustChangePassword: boolean };
}

/** Signs in at a node; fails the test with the node's answer if refused. */
export async function signIn(url: string, login: string, password: string = DEMO_PASSWORD): Promise<Session> {
  const res = await request(url).post('/auth/sign-in').send({ login, password });
  if (res.status !== 200) throw new Error(`sign-in as ${login} at ${url} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Session;
}

/** The Authorization header for a session or a raw token. */
export function bearer(s: Session | string): { authorization: string } {
  return { authorization: `Bearer ${typeof s === 'string' ? s : s.accessToken}` };
}
