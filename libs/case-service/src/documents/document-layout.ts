import type { BroughtMaterial, MissingMaterial } from '#libs/cases';
import { type PrintBlock, type PrintDocument, type PrintField, zhDate, zhDateTime } from '#libs/print';
import type { CaseDocument, CaseFile } from '../case-file.js';
import { maskIdNumber } from '../case-view.js';
import { DELIVERY_METHODS } from '#libs/cases';

/** What a printed document is made from: the document as the case keeps it, and the case it belongs to. */
export interface DocumentPrintInput {
  document: CaseDocument;
  file: CaseFile;
  /** A centre's name from its node code (the topology's); the code itself when unknown. */
  centreName: (code: string) => string;
  /**
   * The applicant's ID printed whole: the copy printed by staff working the case (at the holder or the
   * intake counter) is the applicant's own document. A reader elsewhere prints it masked, as the case
   * detail shows it to them.
   */
  wholeId: boolean;
}

/** 全角空格, between items on one line. */
const GAP = '\u3000';

/** The law every notice of the counter rests on. */
export const LAW = {
  licensing: '《中华人民共和国行政许可法》',
  reconsideration: '《中华人民共和国行政复议法》',
  litigation: '《中华人民共和国行政诉讼法》',
} as const;

/** How the applicant follows the case (the public progress lookup); short enough for one footer line. */
export const PROGRESS_HINT = '办理进度查询：凭办件编号和申请人证件号码后六位，在政务服务网“办件进度查询”或窗口查询';

const OUTCOME_ZH: Record<string, string> = { approved: '准予', denied: '不予批准', not_accepted: '不予受理', withdrawn: '准予撤回申请' };
const MISSING_ZH: Record<MissingMaterial['reason'], string> = { absent: '未提交', too_few_originals: '原件份数不足', too_few_copies: '复印件份数不足' };

type Body = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Body | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : undefined);
const list = <T>(v: unknown): T[] | undefined => (Array.isArray(v) ? (v as T[]) : undefined);
/** A sentence without its closing stop, so that it can be followed by more of the sentence. */
const clause = (s: string): string => s.replace(/[。．.；;，,\s]+$/u, '');

/** What the checklist asks of a material: `原件1份、复印件2份`. */
export function copiesZh(m: { originals: number; copies: number }): string {
  const parts = [m.originals > 0 ? `原件${m.originals}份` : '', m.copies > 0 ? `复印件${m.copies}份` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('、') : '—';
}

function broughtZh(b: BroughtMaterial): string {
  const counts = [b.originals > 0 ? `原件${b.originals}份` : '', b.copies > 0 ? `复印件${b.copies}份` : '', b.electronic ? '电子件' : ''].filter(Boolean);
  return counts.length > 0 ? counts.join('、') : '—';
}

/**
 * A case document laid out for printing: a pure function of the document and its case. The five
 * kinds: 受理通知书 (SL), 一次性告知书 (GZ), 补正通知书 (BZ), 不予受理决定书 (BY) and 送达回证 (SD).
 */
export function layoutCaseDocument(input: DocumentPrintInput): PrintDocument {
  const { document: d, file } = input;
  const issuer = input.centreName(d.issuedBy);
  const blocks = BLOCKS[d.kind](input, (d.body ?? {}) as Body);
  return {
    issuer,
    title: d.titleZh,
    number: d.number,
    blocks,
    closing: { issuer, date: zhDate(d.issuedAt) },
    footer: [`办件编号：${file.state.caseNumber}${GAP}文书编号：${d.number}`, PROGRESS_HINT],
    subject: `${d.titleZh} ${file.record.itemName}`,
    createdAt: d.issuedAt,
  };
}

/** 申请人 and, for an organisation, the person who applies for it; the IDs whole or masked. */
function applicantFields(input: DocumentPrintInput): PrintField[] {
  const a = input.file.record.applicant;
  const id = (v: string) => (input.wholeId ? v : maskIdNumber(v));
  if (a.kind === 'organisation') {
    return [
      { label: '申请单位', value: a.name },
      { label: '统一社会信用代码', value: id(a.idNumber) },
      ...(a.contactName ? [{ label: '经办人', value: a.contactName, half: true }] : []),
      ...(a.contactIdNumber ? [{ label: '经办人身份号码', value: id(a.contactIdNumber), half: true }] : []),
    ];
  }
  return [
    { label: '申请人', value: a.name, half: true },
    { label: '公民身份号码', value: id(a.idNumber), half: true },
  ];
}

/** The matter (its name and code on one line) and the case number, then `more` short fields in pairs. */
function matterFields(input: DocumentPrintInput, more: Array<PrintField | undefined> = []): PrintField[] {
  const r = input.file.record;
  return [
    { label: '事项名称', value: `${r.itemName}（事项编码：${r.itemCode}）` },
    { label: '办件编号', value: input.file.state.caseNumber },
    ...more.filter((f): f is PrintField => f !== undefined).map((f) => ({ ...f, half: true })),
  ];
}

const byName = (body: Body): string | undefined => text(obj(body.by)?.name);
const you = (input: DocumentPrintInput) => (input.file.record.applicant.kind === 'organisation' ? '你单位' : '你');
const salutation = (input: DocumentPrintInput): PrintBlock => ({ kind: 'salutation', text: `${input.file.record.applicant.name}：` });

/** The materials received, as a table, or nothing when none were recorded. */
function broughtTable(materials: BroughtMaterial[] | undefined): PrintBlock[] {
  if (!materials || materials.length === 0) return [];
  return [
    {
      kind: 'table',
      columns: [
        { header: '序号', width: 0.5, align: 'center' },
        { header: '已收取的材料', width: 5.1 },
        { header: '收取情况', width: 1.4 },
      ],
      rows: materials.map((m, i) => [String(i + 1), m.name, broughtZh(m)]),
    },
  ];
}

type Layout = (input: DocumentPrintInput, body: Body) => PrintBlock[];

/** 一次性告知书: everything missing at once, with what the checklist asks (行政许可法 art. 32 (4)). */
const oneTimeNotice: Layout = (input, body) => {
  const r = input.file.record;
  const received = text(body.receivedAt) ?? r.receivedAt;
  const missing = list<MissingMaterial>(body.missing) ?? r.materials.missing;
  // Snapshotted since the notice carries it; an older notice reads the case's list while the case still waits on it.
  const brought = list<BroughtMaterial>(body.brought) ?? (input.file.state.status === 'awaiting_materials' ? r.materials.brought : undefined);
  const by = byName(body);
  return [
    salutation(input),
    {
      kind: 'paragraph',
      text: `${you(input)}于${zhDate(received)}申请办理的“${r.itemName}”（事项编码：${r.itemCode}）事项，经审查，申请材料不齐全或者不符合法定形式。根据${LAW.licensing}第三十二条第一款第（四）项的规定，现一次性告知${you(input)}需要补齐、补正的全部材料如下：`,
    },
    {
      kind: 'table',
      columns: [
        { header: '序号', width: 0.6, align: 'center' },
        { header: '材料名称', width: 3.6 },
        { header: '要求', width: 1.6 },
        { header: '情况', width: 1.2 },
      ],
      rows: missing.map((m, i) => [String(i + 1), m.name, copiesZh(m), MISSING_ZH[m.reason] ?? m.reason]),
    },
    ...(brought && brought.length > 0 ? [{ kind: 'paragraph', text: `已收取的材料：${brought.map((b) => `${b.name}（${broughtZh(b)}）`).join('；')}。` } as PrintBlock] : []),
    {
      kind: 'paragraph',
      text: `请${you(input)}按上述要求补齐全部材料后，持本告知书到${input.centreName(input.file.state.intakeNode)}窗口提交。材料补齐后，本中心依法予以受理；本告知书所列以外的材料，不再要求补正。`,
    },
    { kind: 'paragraph', text: '特此告知。' },
    { kind: 'fields', rows: [...applicantFields(input), ...matterFields(input, [{ label: '收件时间', value: zhDateTime(received) }, by ? { label: '承办人', value: by } : undefined])] },
  ];
};

/** 受理通知书: accepted, the time limit and the committed date (行政许可法 art. 32, 42, 45). */
const acceptanceNotice: Layout = (input, body) => {
  const { record: r, state: s } = input.file;
  const received = text(body.receivedAt) ?? r.receivedAt;
  const accepted = text(body.acceptedAt) ?? r.acceptedAt ?? input.document.issuedAt;
  const due = text(body.dueDate) ?? r.dueDate;
  const days = num(body.committedDays) ?? r.committedDays;
  const brought = list<BroughtMaterial>(body.brought) ?? r.materials.brought;
  const by = byName(body);
  const elsewhere = s.decidingNode !== input.document.issuedBy;
  const decider = elsewhere ? `本事项由${input.centreName(s.decidingNode)}依法作出决定，本中心代为受理、全程代办，办理结果由本中心送达。` : '';
  const blocks: PrintBlock[] = [
    salutation(input),
    {
      kind: 'paragraph',
      text: `${you(input)}于${zhDate(received)}提出的“${r.itemName}”申请，申请材料齐全、符合法定形式。根据${LAW.licensing}第三十二条第一款第（五）项的规定，本中心决定予以受理。${decider}`,
    },
    {
      kind: 'paragraph',
      text: `办理时限按工作日计算，依法听证、检验、检测、专家评审、公示及补正材料的时间不计入（${LAW.licensing}第四十二条、第四十五条）。`,
    },
    {
      kind: 'fields',
      rows: [
        ...applicantFields(input),
        ...matterFields(input, [
          { label: '受理时间', value: zhDateTime(accepted) },
          by ? { label: '受理人', value: by } : undefined,
          days !== undefined ? { label: '承诺办结时限', value: `${days}个工作日` } : undefined,
          due ? { label: '承诺办结日期', value: zhDate(due) } : undefined,
        ]),
      ],
    },
  ];
  blocks.push(...broughtTable(brought), { kind: 'paragraph', text: '请妥善保管本通知书，凭办件编号查询办理进度、领取办理结果。特此通知。' });
  return blocks;
};

/** 补正通知书: everything to correct, listed at once; the clock pauses until it is brought. */
const correctionNotice: Layout = (input, body) => {
  const { record: r, state: s } = input.file;
  const items = list<string>(body.items) ?? [...(s.correction ?? [])];
  const note = text(body.note);
  const by = byName(body);
  return [
    salutation(input),
    {
      kind: 'paragraph',
      text: `${you(input)}申请办理的“${r.itemName}”事项（办件编号：${s.caseNumber}），已于${zhDate(r.acceptedAt ?? r.receivedAt)}受理。经审查，申请材料需要补正。现将需要补正的全部内容一次性告知如下：`,
    },
    { kind: 'list', items },
    ...(note ? [{ kind: 'paragraph', text: `说明：${note}` } as PrintBlock] : []),
    {
      kind: 'paragraph',
      text: `请${you(input)}按上述要求补正后，将补正材料提交至${input.centreName(s.intakeNode)}窗口。自本通知书送达之日起至收到全部补正材料之日止，不计算在办理时限内。`,
    },
    { kind: 'fields', rows: [...applicantFields(input), ...matterFields(input, [{ label: '通知时间', value: zhDateTime(input.document.issuedAt) }, by ? { label: '承办人', value: by } : undefined])] },
    { kind: 'paragraph', text: '特此通知。' },
  ];
};

/** 不予受理决定书: the reason, its legal basis, and the applicant's right to reconsideration or a lawsuit. */
const nonAcceptanceDecision: Layout = (input, body) => {
  const r = input.file.record;
  const reason = text(body.reason) ?? text(obj(r.result)?.reason) ?? '';
  const basis = text(body.legalBasis) ?? text(obj(r.result)?.legalBasis) ?? '';
  const by = byName(body);
  return [
    salutation(input),
    {
      kind: 'paragraph',
      text: `${you(input)}于${zhDate(r.receivedAt)}提出的“${r.itemName}”（事项编码：${r.itemCode}）申请，经审查，${clause(reason)}。根据${clause(basis)}的规定，本中心决定不予受理。`,
    },
    {
      kind: 'paragraph',
      text: `${you(input)}如不服本决定，可以自收到本决定书之日起六十日内，依照${LAW.reconsideration}的规定申请行政复议；也可以自收到本决定书之日起六个月内，依照${LAW.litigation}的规定直接向人民法院提起行政诉讼。`,
    },
    {
      kind: 'fields',
      rows: [
        ...applicantFields(input),
        ...matterFields(input, [{ label: '决定日期', value: zhDate(input.document.issuedAt) }, by ? { label: '承办人', value: by } : undefined]),
        { label: '不予受理理由', value: reason },
        { label: '法律依据', value: basis },
      ],
    },
  ];
};

/** What was delivered: the licence and its number, or the decision. */
function deliveredThing(input: DocumentPrintInput, result: Body | undefined): string {
  const outcome = text(result?.outcome) ?? input.file.state.outcome;
  if (outcome === 'approved') {
    const name = text(result?.resultName) ?? '准予决定';
    const number = text(result?.resultNumber);
    return number ? `${name}（编号：${number}）` : name;
  }
  if (outcome === 'not_accepted') {
    const decision = input.file.record.documents.find((d) => d.kind === 'non_acceptance_decision');
    return decision ? `不予受理决定书（${decision.number}）` : '不予受理决定书';
  }
  if (outcome === 'denied') return '不予批准决定书';
  if (outcome === 'withdrawn') return '准予撤回申请的决定';
  return '办理结果';
}

/** 送达回证: what was delivered, how, when and to whom, with the lines the recipient and the deliverer sign. */
const deliveryReceipt: Layout = (input, body) => {
  const r = input.file.record;
  const result = obj(body.result) ?? obj(r.result);
  const delivery = obj(r.delivery);
  const method = text(body.method) ?? text(delivery?.method);
  const at = text(body.deliveredAt) ?? text(delivery?.at) ?? input.document.issuedAt;
  const recipient = text(body.recipient) ?? text(delivery?.recipient) ?? '';
  const outcome = text(result?.outcome) ?? input.file.state.outcome;
  const decidedBy = text(obj(result?.by)?.node);
  const decidedAt = text(result?.decidedAt) ?? r.decidedAt;
  const by = byName(body);
  const a = r.applicant;
  return [
    {
      kind: 'fields',
      rows: [
        { label: '送达文书', value: deliveredThing(input, result) },
        { label: '办理结果', value: [outcome ? (OUTCOME_ZH[outcome] ?? outcome) : undefined, decidedBy ? input.centreName(decidedBy) : undefined, decidedAt ? `${zhDate(decidedAt)}决定` : undefined].filter(Boolean).join(GAP) || '—' },
        ...matterFields(input),
        { label: a.kind === 'organisation' ? '受送达单位' : '受送达人', value: a.name, half: a.kind !== 'organisation' },
        { label: a.kind === 'organisation' ? '统一社会信用代码' : '公民身份号码', value: input.wholeId ? a.idNumber : maskIdNumber(a.idNumber), half: a.kind !== 'organisation' },
        ...(input.wholeId && a.address ? [{ label: '送达地址', value: a.address }] : []),
        { label: '送达方式', value: method ? (DELIVERY_METHODS.find((m) => m.code === method)?.zh ?? method) : '—', half: true },
        { label: '送达时间', value: zhDateTime(at), half: true },
        { label: '签收人', value: recipient, half: true },
        { label: '送达人', value: by ?? '', half: true },
        { label: '签收人签名', value: '', tall: true, half: true },
        { label: '签收日期', value: `${GAP}${GAP}${GAP}年${GAP}${GAP}月${GAP}${GAP}日`, tall: true, half: true },
        { label: '送达人签名', value: '', tall: true },
        { label: '备注', value: '', tall: true },
      ],
    },
    {
      kind: 'note',
      text: '说明：受送达人应当在本回证上记明收到日期，签名或者盖章。受送达人本人不在的，可以交其同住成年家属或者单位负责收件的人签收，并在备注栏注明与受送达人的关系；受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期。',
    },
  ];
};

const BLOCKS: Record<CaseDocument['kind'], Layout> = {
  one_time_notice: oneTimeNotice,
  acceptance_notice: acceptanceNotice,
  correction_notice: correctionNotice,
  non_acceptance_decision: nonAcceptanceDecision,
  delivery_receipt: deliveryReceipt,
};
