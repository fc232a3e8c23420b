import { WorkingCalendar } from '#libs/calendar';
import { type CaseAction, formatCaseNumber } from '#libs/cases';
import { residentIdCheckChar } from '#libs/domain';
import { act } from '../case-workflow.js';
import { systemActor, type CaseDocument, type CaseFile, type StepActor } from '../case-file.js';
import type { DocumentPrintInput } from '../documents/document-layout.js';
import { makeCaseFile, TEST_COUNTY, TEST_TOWNSHIP, testClerk } from './case-file.factory.js';

/** The centres of the samples, as the demo topology names them. */
export const SAMPLE_CENTRES: Record<string, string> = {
  '640100000000': '银川市政务服务中心',
  [TEST_COUNTY]: '兴庆区政务服务中心',
  [TEST_TOWNSHIP]: '掌政镇便民服务中心',
};

const operatorA: StepActor = { id: 'op-a', name: '李审查', role: 'county_operator', node: TEST_COUNTY, backupOf: [] };
const operatorB: StepActor = { id: 'op-b', name: '王核准', role: 'county_operator', node: TEST_COUNTY, backupOf: ['op-a'] };
const clerk: StepActor = { ...testClerk, name: '马晓红' };

const FOOD_MATERIALS = [
  { name: '食品经营许可申请书', originals: 1, copies: 0 },
  { name: '营业执照', originals: 0, copies: 1 },
  { name: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', originals: 1, copies: 0 },
  { name: '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录', originals: 1, copies: 0 },
];

/**
 * Runs a food-licence case through the real workflow (`act`) so that every document's body is what
 * the service writes: taken in at 掌政镇 with two materials missing (一次性告知书), completed and
 * accepted (受理通知书), reviewed at 兴庆区 with a correction (补正通知书), approved and delivered
 * (送达回证); and a second case the county refuses to accept (不予受理决定书).
 */
export function sampleCases(): CaseFile[] {
  const calendar = WorkingCalendar.official();
  let clock = Date.parse('2026-11-23T01:30:00Z'); // Monday 09:30 in Yinchuan
  const next = (minutes: number) => new Date((clock += minutes * 60_000));
  /** 签收 on arrival, as the node does it (CaseSyncService): for whoever works the case there. */
  const signFor = (file: CaseFile, node: string): StepActor => ({ ...systemActor(node), backupOf: file.state.handler === undefined ? [] : [file.state.handler] });
  const run = (file: CaseFile, action: CaseAction, actor: StepActor, input: Record<string, unknown> = {}, minutes = 20): CaseFile => act(file, action, actor, input, next(minutes), calendar).file;

  const base = makeCaseFile(new Date(clock));
  const [form, licence, equipment, rules] = FOOD_MATERIALS;
  let a: CaseFile = {
    state: { ...base.state, firstContact: clerk.id },
    record: {
      ...base.record,
      firstContactName: clerk.name,
      applicant: { kind: 'person', name: '张晓明', idNumber: '11010519491231002X', phone: '13995012345', address: '银川市兴庆区掌政镇强家庙村 6 组 18 号' },
      materials: {
        brought: [form!, licence!],
        conditions: [],
        missing: [
          { name: equipment!.name, reason: 'absent', originals: 1, copies: 0 },
          { name: rules!.name, reason: 'absent', originals: 1, copies: 0 },
        ],
        unexpected: [],
      },
    },
  };
  a = run(a, 'intake_incomplete', clerk, { missing: [equipment!.name, rules!.name] }, 5);
  a = { ...a, record: { ...a.record, materials: { ...a.record.materials, brought: [...FOOD_MATERIALS], missing: [] } } };
  a = run(a, 'complete_materials', clerk, { missing: [] }, 60 * 24 + 30);
  a = run(a, 'accept', clerk, {}, 2);
  a = run(a, 'hand_up', clerk, {}, 1);
  a = run(a, 'acknowledge', signFor(a, TEST_COUNTY), {}, 1);
  a = run(a, 'take_up_for_review', operatorA, {}, 60);
  a = run(a, 'request_correction', operatorA, { items: ['经营布局图未标明食品处理区与非食品处理区，请重新绘制并签字确认', '从业人员健康证明缺少一人（王某）的有效期页，请补充复印件'], note: '补正材料可交至掌政镇便民服务中心窗口，由窗口转交。' }, 60 * 24);
  a = run(a, 'correction_received', clerk, {}, 60 * 48);
  a = run(a, 'approve', operatorB, { resultName: '食品经营许可证', resultNumber: 'JY16401040012345', validUntil: '2031-12-31' }, 60 * 24);
  a = run(a, 'send_result_down', operatorB, {}, 1);
  a = run(a, 'acknowledge', signFor(a, TEST_TOWNSHIP), {}, 1);
  a = run(a, 'deliver', clerk, { method: 'in_person', at: new Date(clock + 60 * 60_000).toISOString(), recipient: '张晓明（本人）' }, 60);

  const other = makeCaseFile(new Date(clock));
  let b: CaseFile = {
    state: { ...other.state, caseNumber: formatCaseNumber({ nodeCode: TEST_TOWNSHIP, date: new Date(clock + 8 * 3_600_000).toISOString().slice(0, 10), sequence: 47 }), firstContact: clerk.id },
    record: {
      ...other.record,
      firstContactName: clerk.name,
      applicant: { kind: 'organisation', name: '银川市兴庆区掌政镇鲜味餐饮有限公司', idNumber: '91640104MA76XK2P3Q', contactName: '杨文静', contactIdNumber: `64010419900315234${residentIdCheckChar('64010419900315234')}`, phone: '13895012345', address: '银川市兴庆区掌政镇镇区 2 号' },
      materials: { brought: FOOD_MATERIALS.map((m) => ({ ...m })), conditions: [], missing: [], unexpected: [] },
    },
  };
  b = run(b, 'intake_complete', clerk, { missing: [] }, 5);
  b = run(b, 'accept', clerk, {}, 2);
  b = run(b, 'hand_up', clerk, {}, 1);
  b = run(b, 'acknowledge', signFor(b, TEST_COUNTY), {}, 1);
  b = run(b, 'not_accept', operatorA, {
    reason: '申请经营场所位于规划确定的拆迁范围内，已被依法列入征收范围，申请事项依法不属于本机关受理范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
  }, 30);
  return [a, b];
}

/** One printable input per document kind (SL, GZ, BZ, BY, SD), the applicant's ID whole unless `wholeId` is false. */
export function documentSamples(wholeId = true): Array<DocumentPrintInput & { document: CaseDocument }> {
  const centreName = (code: string) => SAMPLE_CENTRES[code] ?? code;
  return sampleCases().flatMap((file) => file.record.documents.map((document) => ({ document, file, centreName, wholeId })));
}
