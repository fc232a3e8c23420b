import { openCase } from '#libs/cases';
import type { CaseFile, StepActor } from '../case-file.js';

export const TEST_TOWNSHIP = '640104100000';
export const TEST_COUNTY = '640104000000';
export const testClerk: StepActor = { id: 'clerk-a', name: '窗口 A', role: 'township_clerk', node: TEST_TOWNSHIP, backupOf: [] };

/** A food licence (county decides, 10 working days) just received at 掌政镇, one material missing. For unit tests. */
export function makeCaseFile(receivedAt: Date, committedDays = 10): CaseFile {
  const opened = openCase({
    caseNumber: '640104100000202611230000176',
    intakeNode: TEST_TOWNSHIP,
    item: { decisionLevel: 'county', intakeLevels: ['township', 'county'], kindCode: '01', caseType: '2' },
    firstContact: testClerk.id,
  });
  if (!opened.ok) throw new Error(opened.problem);
  return {
    state: opened.state,
    record: {
      itemCode: '01010040004640100001',
      itemName: '食品经营许可',
      decisionLevel: 'county',
      itemOrigin: 'city',
      firstContactName: testClerk.name,
      applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13995012345', address: '掌政镇' },
      channel: '1',
      materials: { brought: [], conditions: [], missing: [{ name: '营业执照', reason: 'absent', originals: 0, copies: 1 }], unexpected: [] },
      receivedAt: receivedAt.toISOString(),
      committedDays,
      documents: [],
    },
  };
}
