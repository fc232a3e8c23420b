import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { residentIdCheckChar } from '#libs/domain';
import { bearer, type Session, signIn } from './staff.js';
import { eventually, type TestNetwork } from './test-network.js';

/** Demo items (implementation codes) the case tests take in, with what their checklists ask. */
export const TOWNSHIP_RELIEF = {
  code: '05030030005640100001',
  name: '临时救助（乡镇审批额度内）',
  materials: [
    { name: '临时救助申请书', originals: 1, copies: 0 },
    { name: '申请人居民身份证', originals: 1, copies: 0 },
    { name: '困难情况证明（医疗费用票据、事故证明等）', originals: 0, copies: 1 },
    { name: '家庭经济状况核对授权书', originals: 1, copies: 0 },
  ],
};

/** 食品经营许可: a licence (kind 01) decided by the county. */
export const FOOD_LICENCE = {
  code: '01010040004640100001',
  name: '食品经营许可',
  materials: [
    { name: '食品经营许可申请书', originals: 1, copies: 0 },
    { name: '营业执照', originals: 0, copies: 1 },
    { name: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', originals: 1, copies: 0 },
    { name: '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录', originals: 1, copies: 0 },
  ],
};

/** 药品零售企业经营许可: a licence decided by the city, for organisations only. */
export const PHARMACY_LICENCE = {
  code: '01010050003640100001',
  name: '药品零售企业经营许可',
  materials: [
    { name: '药品经营许可证申请表', originals: 1, copies: 0 },
    { name: '营业执照', originals: 0, copies: 1 },
    { name: '执业药师注册证', originals: 0, copies: 1 },
    { name: '经营场所和仓库平面布局图及产权或使用证明', originals: 0, copies: 1 },
    { name: '质量管理文件及主要设施设备目录', originals: 1, copies: 0 },
  ],
};

export type Material = { name: string; originals: number; copies: number; electronic?: boolean };

let serial = 0;
/** A well-formed resident ID nobody else in this run has: born 1980-01-01 in 兴庆区, with its check character. */
export function residentId(): string {
  serial += 1;
  const first17 = `64010419800101${String(serial).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

/** The same first 17 digits with the check character changed: a mistyped ID. */
export function withWrongCheck(id: string): string {
  const right = id[17]!;
  const wrong = right === '0' ? '1' : '0';
  return `${id.slice(0, 17)}${wrong}`;
}

/** A person applying, with a name and ID unique in this run (so a list filtered by either finds only their cases). */
export function person(tag: string) {
  const idNumber = residentId();
  return { kind: 'person' as const, name: `申请人${tag}${idNumber.slice(-4)}`, idNumber, phone: '13995012345', address: '银川市兴庆区掌政镇测试村 1 号' };
}

/** An organisation (a pharmacy) with its contact person. */
export function organisation(tag: string) {
  return {
    kind: 'organisation' as const,
    name: `测试大药房${tag}有限公司`,
    idNumber: '91350100M000100Y43',
    contactName: `经办人${tag}`,
    contactIdNumber: residentId(),
    phone: '0951-6192345',
    address: '银川市兴庆区解放东街 1 号',
  };
}

export interface IntakeBody {
  itemCode: string;
  origin?: 'city' | 'county';
  applicant: Record<string, unknown>;
  channel: '1' | '2' | '3' | '4';
  materials: Material[];
  conditions?: string[];
  instantResult?: { resultName: string; resultNumber: string; validUntil?: string };
}

export interface Labelled {
  code: string;
  zh: string;
  en: string;
}

export interface TimelineEntry {
  id: string;
  at: string;
  node: string;
  actor: { id: string; name: string; role: string };
  action: Labelled;
  statusAfter: Labelled | null;
  holderAfter: string | null;
  versionAfter: number | null;
  details: Record<string, unknown>;
}

/** A case as GET /cases/:no answers it. */
export interface CaseDetail {
  caseNumber: string;
  version: number;
  status: Labelled;
  holder: string;
  intakeNode: string;
  decidingNode: string;
  outcome: string | null;
  withdrawalRequested: boolean;
  applicant: { kind: string; name: string; idNumber: string; contactIdNumber: string | null; phone: string; address: string | null; masked: boolean };
  handler: string | null;
  reviewer: string | null;
  oneTimeNotice: string[] | null;
  correction: string[] | null;
  result: Record<string, unknown> | null;
  delivery: Record<string, unknown> | null;
  rating: { level: string; labelZh: string; channel: string; comment?: string; followUp: boolean } | null;
  documents: Array<{ kind: string; number: string; titleZh: string; issuedBy: string }>;
  timeline: TimelineEntry[];
  request?: { action: string; sentTo: string; status: string };
}

export interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
  errors?: Array<{ field: string; rule: string; message: string; messageEn: string }>;
  [k: string]: unknown;
}

/** A unique Idempotency-Key per application. */
export const newKey = (): string => `intake-${randomUUID()}`;

/** Some Chinese text (a message meant for staff). */
export const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Staff at the nodes of a test network, signed in once each, and the case API as they use it.
 * Each call answers the raw response, so a test can check the status and the body.
 */
export class CaseDesk {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(private readonly net: TestNetwork) {}

  /** The session of `login` at `node` (signed in on first use, signed in again after a restart if asked). */
  session(node: string, login: string, fresh = false): Promise<Session> {
    const key = `${node}|${login}`;
    if (fresh || !this.sessions.has(key)) this.sessions.set(key, signIn(this.net.url(node), login));
    return this.sessions.get(key)!;
  }

  async staffId(node: string, login: string): Promise<string> {
    return (await this.session(node, login)).staff.id;
  }

  private async auth(node: string, login: string) {
    return bearer(await this.session(node, login));
  }

  async intake(node: string, login: string, body: IntakeBody | Record<string, unknown>, key: string | null = newKey()) {
    const req = request(this.net.url(node)).post('/cases').set(await this.auth(node, login));
    if (key !== null) req.set('Idempotency-Key', key);
    return req.send(body);
  }

  /** POST /cases/:no/<path> as `login` at `node`. */
  async act(node: string, login: string, caseNumber: string, path: string, body: Record<string, unknown> = {}) {
    return request(this.net.url(node)).post(`/cases/${caseNumber}/${path}`).set(await this.auth(node, login)).send(body);
  }

  async get(node: string, login: string, path: string, query: Record<string, unknown> = {}) {
    return request(this.net.url(node)).get(path).set(await this.auth(node, login)).query(query);
  }

  async detail(node: string, login: string, caseNumber: string): Promise<CaseDetail> {
    const res = await this.get(node, login, `/cases/${caseNumber}`);
    if (res.status !== 200) throw new Error(`GET /cases/${caseNumber} at ${node} as ${login}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  }

  /** Waits until the case at `node` satisfies `done` (it crossed Kafka to get there). */
  async waitFor(node: string, login: string, caseNumber: string, done: (c: CaseDetail) => boolean, timeoutMs = 60000): Promise<CaseDetail> {
    return eventually(() => this.detail(node, login, caseNumber), done, timeoutMs);
  }

  /** Waits until the case at `node` has `status` (and `holder`, when given). */
  waitForStatus(node: string, login: string, caseNumber: string, status: string, holder?: string, timeoutMs = 60000): Promise<CaseDetail> {
    return this.waitFor(node, login, caseNumber, (c) => c.status.code === status && (holder === undefined || c.holder === holder), timeoutMs);
  }

  async list(node: string, login: string, query: Record<string, unknown> = {}) {
    const res = await this.get(node, login, '/cases', query);
    if (res.status !== 200) throw new Error(`GET /cases at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items: Array<CaseDetail>; total: number };
  }

  progress(node: string, caseNumber: string, idTail: string) {
    return request(this.net.url(node)).get(`/public/cases/${caseNumber}/progress`).query({ idTail });
  }
}

/** Waits until every node has applied the city's demo catalog (and, under a county, the county's list). */
export async function waitForDemoCatalog(net: TestNetwork, nodes: Array<{ code: string; county?: boolean }>): Promise<void> {
  await Promise.all(
    nodes.map(({ code, county }) =>
      eventually(
        async () => (await request(net.url(code)).get('/public/catalog/status').expect(200)).body as { cityVersion: number; countyVersion: number | null },
        (s) => s.cityVersion >= 1 && (!county || (s.countyVersion ?? 0) >= 1),
        90000,
        500,
      ),
    ),
  );
}

/** What a node parked instead of applying (read as its administrator): none of it should be a case event. */
export async function parkedAt(net: TestNetwork, code: string): Promise<Array<{ type: string | null; errorCode: string; source: string }>> {
  const res = await request(net.url(code)).get('/dead-letters').query({ status: 'parked', limit: 100 }).set(bearer(await signIn(net.url(code), 'admin')));
  if (res.status !== 200) throw new Error(`GET /dead-letters at ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { items: Array<{ type: string | null; errorCode: string; source: string }> }).items;
}

/**
 * Waits until the city's copy of a case has every timeline entry any node recorded (and the latest
 * version), and answers what each node had.
 */
export async function cityHasWholeTimeline(desk: CaseDesk, caseNumber: string, readers: Array<[node: string, login: string]>, city: [node: string, login: string]) {
  const at = async ([node, login]: [string, string]): Promise<{ ids: string[]; version: number }> => {
    const res = await desk.get(node, login, `/cases/${caseNumber}`);
    if (res.status === 404) return { ids: [], version: 0 };
    if (res.status !== 200) throw new Error(`GET /cases/${caseNumber} at ${node}: ${res.status}`);
    const c = res.body as CaseDetail;
    return { ids: c.timeline.map((t) => t.id), version: c.version };
  };
  return eventually(
    async () => {
      const nodes = await Promise.all(readers.map(at));
      const atCity = await at(city);
      const union = [...new Set([...nodes.flatMap((n) => n.ids), ...atCity.ids])].sort();
      return { nodes, city: atCity, union };
    },
    (s) => [...s.city.ids].sort().join() === s.union.join() && s.city.version === Math.max(...s.nodes.map((n) => n.version)),
    30000,
  );
}

/** A delivery as the counter records it. */
export const delivery = () => ({ method: 'in_person', at: new Date().toISOString(), recipient: '申请人本人' });
