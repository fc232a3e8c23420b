import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '#libs/domain';

/** Chinese names of fields, keyed by their path with the list positions left out. */
const FIELD_LABELS: Record<string, string> = {
  basicCode: '基本编码',
  implementationCode: '实施编码',
  name: '事项名称',
  kindCode: '事项类型',
  department: '实施主体',
  'department.name': '名称',
  'department.creditCode': '统一社会信用代码',
  decisionLevel: '决定层级',
  intakeLevels: '受理层级',
  caseType: '办件类型',
  legalTimeLimit: '法定办结时限',
  committedTimeLimit: '承诺办结时限',
  'legalTimeLimit.days': '天数',
  'legalTimeLimit.unit': '单位',
  'legalTimeLimit.note': '说明',
  'committedTimeLimit.days': '天数',
  'committedTimeLimit.unit': '单位',
  'committedTimeLimit.note': '说明',
  conditions: '受理条件',
  materials: '申请材料',
  'materials.name': '材料名称',
  'materials.issuer': '出具机构',
  'materials.forms': '材料形式',
  'materials.originals': '原件份数',
  'materials.copies': '复印件份数',
  'materials.requirement': '是否必备',
  'materials.notes': '备注',
  noMaterialsRequired: '无需申请材料',
  legalBasis: '设定依据',
  fee: '收费',
  'fee.charged': '是否收费',
  'fee.standard': '收费标准',
  'fee.basis': '收费依据',
  processSteps: '办理流程',
  'processSteps.name': '环节名称',
  'processSteps.description': '环节说明',
  specialProcedures: '特别程序',
  maxVisits: '到现场次数',
  onlineAvailable: '是否网办',
  servedParties: '服务对象',
  channels: '办理形式',
  place: '办理地点',
  hours: '办理时间',
  enquiryPhone: '咨询电话',
  complaintPhone: '监督投诉电话',
  faq: '常见问题',
  'faq.question': '问题',
  'faq.answer': '解答',
  keywords: '关键词',
  status: '事项状态',
  effectiveFrom: '生效日期',
  effectiveUntil: '失效日期',
  countyCode: '县（区）区划代码',
  itemCode: '事项实施编码',
  notes: '本地说明',
};

/** `materials[2].copies` → `申请材料第3项的复印件份数`. */
export function fieldLabel(path: string): string {
  if (path === '') return '事项';
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const named: string[] = [];
  let label = '';
  for (const part of parts) {
    if (part.startsWith('[')) {
      label += `第${Number(part.slice(1, -1)) + 1}项`;
      continue;
    }
    named.push(part);
    const own = FIELD_LABELS[named.join('.')] ?? part;
    label += label ? `的${own}` : own;
  }
  return label;
}

/** zh-CN wording of class-validator's rules and of this library's own decorators. */
const RULES_ZH: Record<string, (label: string) => string> = {
  isDefined: (f) => `${f}必须填写`,
  isNotEmpty: (f) => `${f}不能为空`,
  isNotBlank: (f) => `${f}不能为空白`,
  isString: (f) => `${f}必须是文本`,
  isInt: (f) => `${f}必须是整数`,
  isBoolean: (f) => `${f}必须是“是”或“否”`,
  isIn: (f) => `${f}不在代码表允许的取值范围内`,
  min: (f) => `${f}小于允许的最小值`,
  max: (f) => `${f}大于允许的最大值`,
  maxLength: (f) => `${f}超过最大长度`,
  matches: (f) => `${f}格式不正确`,
  isIso8601: (f) => `${f}必须是 ISO 8601 日期（如 2025-01-01）`,
  isArray: (f) => `${f}必须是列表`,
  arrayNotEmpty: (f) => `${f}至少要有一项`,
  arrayMaxSize: (f) => `${f}条目太多`,
  arrayUnique: (f) => `${f}中有重复的取值`,
  isObject: (f) => `${f}必须是对象`,
  nestedValidation: (f) => `${f}内容不正确`,
  whitelistValidation: (f) => `不允许的字段：${f}`,
  isCreditCode: (f) => `${f}不是有效的统一社会信用代码（18 位，校验码须符合 GB 32100）`,
  isPhoneNumber: (f) => `${f}不像电话号码（如 0951-6192345、13995012345 或 12345）`,
};

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Rules about a value's type: when one fails, the value's length or format says nothing more. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isBoolean', 'isArray', 'isObject']);

/** class-validator names the bare property; a person needs the whole path. */
function withPath(message: string, property: string, field: string): string {
  const words = message.split(' ');
  const at = words.indexOf(property);
  if (at >= 0) words[at] = field;
  return words.join(' ');
}

/** One reason per cause: a missing value is reported once as missing, a wrong type once as that. */
function essentialConstraints(e: ValidationError, field: string): [string, string][] {
  const all = Object.entries(e.constraints ?? {});
  if (all.length === 0 || 'whitelistValidation' in (e.constraints ?? {})) return all;
  if (e.value === undefined || e.value === null) return [['isDefined', `${field} is required`]];
  const typeRules = all.filter(([rule]) => TYPE_RULES.has(rule));
  if (typeRules.length > 0) return typeRules;
  if ('nestedValidation' in (e.constraints ?? {})) return [['nestedValidation', `${field} must be an object`]];
  return all;
}

/** class-validator's error tree as a flat list of problems, each named by its dotted path. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = joinPath(parent, e.property);
    const own = essentialConstraints(e, field).map(([rule, messageEn]) => ({
      field,
      rule,
      message: (RULES_ZH[rule] ?? ((f: string) => `${f}不符合规则 ${rule}`))(fieldLabel(field)),
      messageEn: rule === 'whitelistValidation' ? `property ${field} is not allowed` : withPath(messageEn, e.property, field),
    }));
    return [...own, ...toFieldProblems(e.children ?? [], field)];
  });
}

/** A problem found by a rule that looks at more than one field. */
export function problem(field: string, rule: string, message: string, messageEn: string): FieldProblem {
  return { field, rule, message, messageEn };
}
