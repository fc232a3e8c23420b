import { maskPhone } from '#libs/case-service';
import type { TopologyIndex } from '#libs/config';
import { COMPLAINT_CHANNELS, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES } from '#libs/contracts';
import type { Complaint, ComplaintStep } from './complaint.repository.js';

type CodeList = ReadonlyArray<{ code: string; zh: string; en: string }>;

/** A code with its Chinese and English labels, as every code list is shown. */
export function labelled(list: CodeList, code: string): { code: string; zh: string; en: string };
export function labelled(list: CodeList, code: string | undefined): { code: string; zh: string; en: string } | null;
export function labelled(list: CodeList, code: string | undefined) {
  if (code === undefined) return null;
  const e = list.find((x) => x.code === code);
  return { code, zh: e?.zh ?? code, en: e?.en ?? code };
}

/** Unanswered past its due date: marked so by the city's sweep, or (elsewhere) still open on a later day. */
export function isOverdue(c: Complaint, today: string): boolean {
  return c.status === 'overdue' || (c.status === 'open' && c.dueOn < today);
}

/** A complaint as staff read it; the complainant's phone whole only for those who work it (`whole`). */
export function complaintView(c: Complaint, topology: TopologyIndex, today: string, whole: boolean) {
  const name = (code: string) => topology.get(code)?.name ?? null;
  return {
    id: c.id,
    number: c.number,
    againstNode: c.againstNode,
    againstNodeName: name(c.againstNode),
    caseNumber: c.caseNumber ?? null,
    takenAtNode: c.takenAtNode,
    takenAtNodeName: name(c.takenAtNode),
    handlingNode: c.handlingNode,
    handlingNodeName: name(c.handlingNode),
    channel: labelled(COMPLAINT_CHANNELS, c.channel),
    complainant: { name: c.complainant.name, phone: whole ? c.complainant.phone : maskPhone(c.complainant.phone), masked: !whole },
    content: c.content,
    takenBy: { id: c.takenBy, name: c.takenByName },
    receivedAt: c.receivedAt,
    dueOn: c.dueOn,
    status: labelled(COMPLAINT_STATUSES, c.status),
    overdue: isOverdue(c, today),
    outcome: labelled(COMPLAINT_OUTCOMES, c.outcome),
    answeredAt: c.answeredAt ?? null,
    answer: c.answer ? { content: c.answer.content, outcome: labelled(COMPLAINT_OUTCOMES, c.answer.outcome), at: c.answer.at, by: { id: c.answer.by, name: c.answer.byName } } : null,
    version: c.version,
  };
}

/** The complaint with its own timeline at this node. */
export function complaintDetail(c: Complaint, steps: readonly ComplaintStep[], topology: TopologyIndex, today: string, whole: boolean) {
  return {
    ...complaintView(c, topology, today, whole),
    timeline: steps.map((s) => ({ at: s.at, node: s.node, actor: { id: s.actorId, name: s.actorName }, action: s.action, details: s.details })),
  };
}

/** What the complainant reads with the number and the secret: the progress and the answer, nothing about anyone. */
export function publicProgressView(c: Complaint, topology: TopologyIndex) {
  return {
    number: c.number,
    againstNode: c.againstNode,
    againstNodeName: topology.get(c.againstNode)?.name ?? null,
    handlingNodeName: topology.get(c.handlingNode)?.name ?? null,
    caseNumber: c.caseNumber ?? null,
    channel: labelled(COMPLAINT_CHANNELS, c.channel),
    receivedAt: c.receivedAt,
    dueOn: c.dueOn,
    status: labelled(COMPLAINT_STATUSES, c.status),
    answer: c.answer ? { content: c.answer.content, outcome: labelled(COMPLAINT_OUTCOMES, c.answer.outcome), answeredAt: c.answer.at } : null,
  };
}
