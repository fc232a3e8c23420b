// The code lists of the case actions' inputs: plain data without imports, read by the rules, the DTOs,
// the printed documents and the staff console alike.

/** 送达方式: in person, by post, electronically, left at the address, by public notice. */
export const DELIVERY_METHODS = [
  { code: 'in_person', zh: '直接送达', en: 'in person' },
  { code: 'post', zh: '邮寄送达', en: 'by post' },
  { code: 'electronic', zh: '电子送达', en: 'electronically' },
  { code: 'left_at_address', zh: '留置送达', en: 'left at the address' },
  { code: 'public_notice', zh: '公告送达', en: 'by public notice' },
] as const;
/** 评价渠道: where the applicant rated (the counter's device, online, mobile, text message, phone). */
export const RATING_CHANNELS = [
  { code: '1', zh: '窗口评价器', en: 'counter device' },
  { code: '2', zh: '网上', en: 'online' },
  { code: '3', zh: '移动端', en: 'mobile' },
  { code: '4', zh: '短信', en: 'text message' },
  { code: '5', zh: '电话回访', en: 'phone call' },
] as const;

/** 特别程序 kinds whose time the Administrative Licensing Law (art. 45) does not count. */
export const SPECIAL_PROCEDURE_KINDS = [
  { code: 'hearing', zh: '听证', en: 'hearing' },
  { code: 'expert_review', zh: '专家评审', en: 'expert review' },
  { code: 'inspection', zh: '检验', en: 'inspection' },
  { code: 'testing', zh: '检测', en: 'testing' },
  { code: 'public_notice', zh: '公示', en: 'public notice' },
] as const;

/**
 * 延长审批 (GB/T 39046 特别程序 1): the Administrative Licensing Law (art. 42) lets the head of the
 * deciding organ add at most 10 working days to the 20, with a reason told to the applicant; all the
 * extensions of one case together stay within it.
 */
export const MAX_EXTENSION_DAYS = 10;
