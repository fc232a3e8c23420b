import { DomainError } from '#libs/domain';

/** Every refusal the case rules give, with the HTTP status the edge answers and what staff read. */
export const CASE_REFUSALS = {
  CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '办件当前状态不允许此操作', en: 'This action is not allowed in the case\'s current status' },
  CASE_NOT_HOLDER: { status: 403, zh: '本节点不是该办件的承办节点，只能向承办节点发送请求', en: 'This node does not hold the case; only the holder may change it' },
  CASE_NOT_HANDLER: { status: 403, zh: '该办件由其他工作人员承办，只有承办人或其 AB 岗可以操作', en: 'Another person handles this case; only they or their A/B backup may act on it' },
  CASE_NOT_INTAKE_NODE: { status: 403, zh: '只有收件节点可以进行此操作', en: 'Only the node that took the case in may do this' },
  CASE_NOT_FIRST_CONTACT: { status: 403, zh: '只有首问负责人或其 AB 岗可以进行此操作', en: 'Only the first-contact clerk or their A/B backup may do this' },
  CASE_SAME_PERSON_REVIEW_AND_APPROVAL: { status: 403, zh: '行政许可实行一审一核，审查人不能同时作出决定', en: 'A licence is reviewed by one person and decided by another (一审一核): the reviewer cannot decide it' },
  CASE_SECOND_ONE_TIME_NOTICE: { status: 409, zh: '已出具一次性告知书，不得再次告知首次未列明的材料', en: 'A one-time notice was already issued; a second notice for materials it did not list is not allowed' },
  CASE_SECOND_CORRECTION_NOTICE: { status: 409, zh: '已出具补正通知书，补正内容须一次性告知，不得再次要求补正', en: 'A correction was already requested; everything to correct is listed once, a second request is not allowed' },
  CASE_MATERIALS_INCOMPLETE: { status: 409, zh: '材料仍不齐全，不能继续办理', en: 'Materials are still missing; the case cannot go on' },
  CASE_NOTICE_EMPTY: { status: 400, zh: '告知书须列明所缺的每一项材料或补正内容', en: 'The notice must list every missing material or item to correct' },
  CASE_DECIDED_AT_THIS_NODE: { status: 409, zh: '该事项由本节点决定，无需上报', en: 'This node decides the matter; there is nothing to hand up' },
  CASE_NOT_DECIDING_NODE: { status: 409, zh: '该事项不由本节点决定，请上报', en: 'This node does not decide the matter; hand it up' },
  CASE_NO_ROUTE: { status: 409, zh: '找不到上级节点，无法上报', en: 'There is no parent node to hand the case up to' },
  CASE_NOT_ACKNOWLEDGED: { status: 409, zh: '办件尚未签收，请先签收', en: 'The case has not been acknowledged yet; acknowledge it first' },
  CASE_SPECIAL_PROCEDURE_RUNNING: { status: 409, zh: '特别程序尚未结束，请先结束特别程序', en: 'A special procedure is under way; end it first' },
  CASE_ALREADY_DECIDED: { status: 409, zh: '办件已作出决定或已撤回', en: 'The case has already been decided or withdrawn' },
  CASE_ALREADY_RATED: { status: 409, zh: '本次办件已评价，整改后方可再次评价', en: 'This case has been rated; it can be rated again only after a follow-up' },
  CASE_NO_WITHDRAWAL_REQUEST: { status: 409, zh: '申请人未申请撤回', en: 'The applicant has not asked to withdraw' },
  CASE_WITHDRAWAL_ALREADY_REQUESTED: { status: 409, zh: '撤回申请已提交，等待承办节点决定', en: 'A withdrawal was already requested and waits for the holder\'s decision' },
  CASE_RESULT_NOT_AT_INTAKE: { status: 409, zh: '办理结果尚未回到收件窗口，请先下送结果', en: 'The result is not at the intake counter yet; send it down first' },
  CASE_RESULT_ALREADY_AT_INTAKE: { status: 409, zh: '办理结果已在收件窗口，直接送达即可', en: 'The result is already at the intake counter; deliver it' },
  CASE_REASON_REQUIRED: { status: 400, zh: '请填写理由', en: 'A reason is required' },
  CASE_LEGAL_BASIS_REQUIRED: { status: 400, zh: '请填写法律依据', en: 'The legal basis is required' },
  CASE_RESULT_DOCUMENT_REQUIRED: { status: 400, zh: '请填写结果证照名称和编号', en: 'The result document\'s name and number are required' },
  CASE_UNKNOWN_SPECIAL_PROCEDURE: { status: 400, zh: '特别程序种类无效', en: 'Unknown kind of special procedure' },
  CASE_DELIVERY_INCOMPLETE: { status: 400, zh: '请填写送达方式、时间和签收人', en: 'The delivery method, time and recipient are required' },
  CASE_EXTENSION_DAYS_INVALID: { status: 400, zh: '延长天数须为正整数个工作日', en: 'An extension is a whole number of working days, at least 1' },
  CASE_EXTENSION_OVER_LIMIT: { status: 409, zh: '延长审批累计不得超过 10 个工作日（《行政许可法》第四十二条）', en: 'All extensions of a case together may not exceed 10 working days (Administrative Licensing Law, art. 42)' },
  CASE_EXTENSION_APPROVER_REQUIRED: { status: 400, zh: '延长审批须经本行政机关负责人批准，请填写批准人', en: 'An extension must be approved by the head of the deciding organ; name who approved it' },
  CASE_RATING_INVALID: { status: 400, zh: '评价等级须为 1（非常满意）至 5（非常不满意）', en: 'The rating must be 1 (very satisfied) to 5 (very dissatisfied)' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;
export type CaseRefusalCode = keyof typeof CASE_REFUSALS;

/** A refusal as data: what transition() returns instead of throwing. */
export interface CaseRefusal {
  code: CaseRefusalCode;
  status: number;
  messageZh: string;
  messageEn: string;
  details?: Record<string, unknown>;
}

export function refusal(code: CaseRefusalCode, details?: Record<string, unknown>): CaseRefusal {
  const r = CASE_REFUSALS[code];
  return { code, status: r.status, messageZh: r.zh, messageEn: r.en, ...(details === undefined ? {} : { details }) };
}

/** A refused case action as a DomainError, for the service to throw: the one filter maps it to HTTP. */
export class CaseRuleError extends DomainError {
  readonly code: CaseRefusalCode;
  readonly status: number;

  constructor(r: CaseRefusal) {
    super(r.messageZh, r.messageEn, r.details);
    this.code = r.code;
    this.status = r.status;
  }
}
