import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { binary } from './support/binary.js';
import { CaseDesk, type CaseDetail, type ErrorBody, person, TOWNSHIP_RELIEF, waitForDemoCatalog } from './support/cases.js';
import { bearer, DEMO_ENV } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

// A city and a township directly under it (东莞's layout: no county between): the township decides the
// relief matter itself, and the city keeps a copy of every case from the events.
const CITY = '441900000000';
const TOWN = '441900100000';
const TOWN_NAME = '石龙镇便民服务中心';

/** The answer's bytes (read with the `binary` parser, a JSON error answer too). */
const bytes = (res: request.Response): Buffer => res.body as Buffer;

/** The text of a PDF as poppler's pdftotext reads it, white space removed (a long line may wrap anywhere). */
function pdftotext(pdf: Buffer): string {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) throw new Error(`pdftotext could not run (install poppler-utils): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8').replace(/\s+/g, '');
}

describe('printed documents (PDF) at every node that holds the case', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city', name: '东莞市民服务中心' },
      { code: TOWN, tier: 'township', parent: CITY, name: TOWN_NAME },
    ],
    DEMO_ENV,
  );
  const desk = new CaseDesk(net);
  const applicant = person('打印');
  let no: string;

  const pdf = async (node: string, login: string, number: string) =>
    request(net.url(node))
      .get(`/cases/${no}/documents/${number}/pdf`)
      .set(bearer(await desk.session(node, login)))
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: TOWN }]);
    // One material missing: the one-time notice (GZ); then brought: accepted at once (SL).
    const [form, ...rest] = TOWNSHIP_RELIEF.materials;
    const taken = await desk.intake(TOWN, 'clerk', { itemCode: TOWNSHIP_RELIEF.code, applicant, channel: '1', materials: rest });
    if (taken.status !== 201) throw new Error(`intake refused: ${taken.status} ${JSON.stringify(taken.body)}`);
    no = (taken.body as CaseDetail).caseNumber;
    const completed = await desk.act(TOWN, 'clerk', no, 'materials', { materials: [form] });
    if (completed.status !== 200) throw new Error(`materials refused: ${completed.status} ${JSON.stringify(completed.body)}`);
    expect((completed.body as CaseDetail).documents.map((d) => d.number)).toEqual([`GZ-${no}`, `SL-${no}`]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it.each([
    ['GZ', '一次性告知书', 'GZ-{no}'],
    ['SL', '受理通知书', 'SL-{no}'],
    ['SL', '受理通知书', 'acceptance_notice'],
    ['GZ', '一次性告知书', 'GZ'],
  ])('prints the %s (%s) asked for as %s (its number, kind or prefix) at the intake counter: an inline A4 PDF with the title, number, matter, centre and the whole ID', async (prefix, title, asked) => {
    const res = await pdf(TOWN, 'clerk', asked.replace('{no}', no));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${prefix}-${no}.pdf"`);
    const body = bytes(res);
    expect(body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(Number(res.headers['content-length'])).toBe(body.length);
    const text = pdftotext(body);
    for (const expected of [title, `${prefix}-${no}`, TOWNSHIP_RELIEF.name, TOWN_NAME, applicant.name, applicant.idNumber, no, '（印章）']) expect(text).toContain(expected);
    if (prefix === 'GZ') expect(text).toContain('第三十二条');
    if (prefix === 'SL') expect(text).toContain('本中心决定予以受理');
  });

  it('prints the same documents at the city from its copy, the township named as the issuer, the ID masked for a reader there', async () => {
    await desk.waitFor(CITY, 'coordinator', no, (c) => c.documents.length === 2);
    for (const [prefix, title] of [
      ['GZ', '一次性告知书'],
      ['SL', '受理通知书'],
    ] as const) {
      const res = await pdf(CITY, 'coordinator', `${prefix}-${no}`);
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/pdf/) });
      const text = pdftotext(bytes(res));
      for (const expected of [title, `${prefix}-${no}`, TOWNSHIP_RELIEF.name, TOWN_NAME]) expect(text).toContain(expected);
      expect(text).not.toContain(applicant.idNumber);
      expect(text).toContain(`${applicant.idNumber.slice(0, 4)}**********${applicant.idNumber.slice(-4)}`);
    }
  });

  it('answers the usual 404 for a document the case does not have and for a case the node does not have, and 401 without a session', async () => {
    const missing = await pdf(TOWN, 'clerk', `BY-${no}`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(bytes(missing).toString('utf8')) as ErrorBody;
    expect(body).toMatchObject({ code: 'NOT_FOUND', message: `办件 ${no} 没有文书 BY-${no}`, messageEn: `case ${no} has no document BY-${no}` });

    const otherCase = await request(net.url(TOWN))
      .get(`/cases/${TOWN}202601010000010/documents/GZ/pdf`)
      .set(bearer(await desk.session(TOWN, 'clerk')));
    expect({ status: otherCase.status, code: (otherCase.body as ErrorBody).code }).toEqual({ status: 404, code: 'NOT_FOUND' });

    const anonymous = await request(net.url(TOWN)).get(`/cases/${no}/documents/GZ-${no}/pdf`);
    expect(anonymous.status).toBe(401);
  });
});
