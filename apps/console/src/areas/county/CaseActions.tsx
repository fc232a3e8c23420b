import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseDetail } from '../../components/case/types';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ActionModal, type ActionRequest } from './ActionModal';
import { actorName, isLicence } from './cases';
import { MAX_EXTENSION_DAYS, SPECIAL_PROCEDURE_KINDS } from '../../../../../libs/cases/src/code-lists';
import { TextField } from '../../components/TextField';

/** The actions the county hall (and the city's approval section) takes on a case it holds. */
export type HallAction =
  | 'take-up'
  | 'request-correction'
  | 'special-start'
  | 'special-end'
  | 'extend'
  | 'not-accept'
  | 'approve'
  | 'deny'
  | 'withdrawal-allow'
  | 'withdrawal-refuse';



export { SPECIAL_PROCEDURE_KINDS };

/**
 * What may be done next, by the status and where the case is (docs/cases.md's table): only at the node
 * holding it, never while it travels, and only by the posts that work cases. Who works the case (its
 * handler, or their A/B backup) and 一审一核 are the API's to refuse; the page says so beforehand.
 */
export function availableActions(detail: CaseDetail, here: string, works: boolean): HallAction[] {
  if (!works || detail.holder !== here || detail.inTransit) return [];
  const out: HallAction[] = [];
  const s = detail.status.code;
  const decidesHere = detail.decidingNode === here;
  if (s === 'accepted' && decidesHere) out.push('take-up');
  if (s === 'under_review') {
    if (!detail.correction) out.push('request-correction');
    out.push('special-start');
    if (detail.timeLimit.extensionDays < MAX_EXTENSION_DAYS) out.push('extend');
  }
  if (s === 'special_procedure') out.push('special-end');
  if (['received', 'awaiting_materials', 'materials_complete', 'accepted'].includes(s)) out.push('not-accept');
  if (s === 'under_review') out.push('approve', 'deny');
  if (detail.withdrawalRequested && ['awaiting_materials', 'materials_complete', 'accepted', 'under_review', 'awaiting_correction', 'special_procedure'].includes(s)) {
    out.push('withdrawal-allow', 'withdrawal-refuse');
  }
  return out;
}

const path = (n: string, tail: string) => `/cases/${encodeURIComponent(n)}/${tail}`;
const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The action bar of a case: a button per action allowed now, each opening its form. */
export function CaseActions({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useLang();
  const { me, has } = useSession();
  const [open, setOpen] = useState<HallAction | null>(null);
  const actions = availableActions(detail, me!.node, has('county_operator', 'city_approver'));
  if (actions.length === 0) return null;

  const n = detail.caseNumber;
  const v = detail.version;
  const req = (tail: string, body: Record<string, unknown> = {}): ActionRequest => ({ path: path(n, tail), body: { ...body, expectedVersion: v } });
  const done = () => {
    setOpen(null);
    onDone();
  };
  const common = { onClose: () => setOpen(null), onDone: done };
  const licence = isLicence(detail.item.code);
  const iReviewed = !!detail.reviewer && detail.reviewer === me!.id;
  const reviewerName = actorName(detail, detail.reviewer);
  // GET /auth/me names who stands in for this person (AB岗); in the demo the A and B posts back each other up.
  const backups = (me as { backups?: Array<{ name: string }> }).backups?.map((b) => b.name).join('、');
  const decideWarning =
    licence && iReviewed ? (
      <Alert
        type="warning"
        showIcon
        data-testid="review-approval-warning"
        title={t('一审一核：您是本件的审查人', 'One reviews, another decides (一审一核): you reviewed this case')}
        description={t(
          `本件为行政许可，审查人不能同时作出准予或不予批准的决定，须由另一名工作人员${backups ? `（如 AB 岗 ${backups}）` : ''}决定。`,
          `This is a licence: its reviewer may not approve or deny it; another operator${backups ? ` (e.g. your backup ${backups})` : ''} must decide.`,
        )}
      />
    ) : licence && reviewerName ? (
      <Alert type="info" showIcon title={t(`一审一核：本件由 ${reviewerName} 审查，由您作出决定`, `One reviews, another decides: ${reviewerName} reviewed it; you decide`)} />
    ) : undefined;

  const button = (a: HallAction, testId: string, zh: string, en: string, extra: { danger?: boolean; primary?: boolean } = {}) =>
    actions.includes(a) && (
      <Button key={a} data-testid={testId} danger={extra.danger} type={extra.primary ? 'primary' : 'default'} onClick={() => setOpen(a)}>
        {t(zh, en)}
      </Button>
    );

  return (
    <>
      <Space wrap size={[8, 8]} data-testid="case-actions">
        {button('take-up', 'action-take-up', '受理审查', 'Take up for review', { primary: true })}
        {button('approve', 'action-approve', '准予', 'Approve', { primary: true })}
        {button('deny', 'action-deny', '不予批准', 'Deny', { danger: true })}
        {button('request-correction', 'action-request-correction', '补正告知', 'Request correction')}
        {button('special-start', 'action-special-start', '特别程序', 'Special procedure')}
        {button('special-end', 'action-special-end', '结束特别程序', 'End special procedure', { primary: true })}
        {button('extend', 'action-extend', '延长审批', 'Extend')}
        {button('not-accept', 'action-not-accept', '不予受理', 'Not accept', { danger: true })}
        {button('withdrawal-allow', 'action-withdrawal-allow', '同意撤回', 'Allow withdrawal')}
        {button('withdrawal-refuse', 'action-withdrawal-refuse', '不同意撤回', 'Refuse withdrawal')}
      </Space>

      <ActionModal
        {...common}
        open={open === 'take-up'}
        title={t('受理审查', 'Take up for review')}
        okText={t('受理审查', 'Take up')}
        intro={
          <Typography.Paragraph>
            {t('受理审查后，您成为本件的承办人和审查人，办理时限继续计算。', 'You become the handler and reviewer of this case; its clock keeps running.')}
            {licence && t('本件为行政许可，实行一审一核：须由另一名工作人员作出准予或不予批准的决定。', ' It is a licence: another operator must decide it (一审一核).')}
          </Typography.Paragraph>
        }
        success={t('已受理审查', 'Taken up for review')}
        request={() => req('take-up')}
      />

      <ActionModal<{ items: string[]; note?: string }>
        {...common}
        open={open === 'request-correction'}
        title={t('补正告知（补正通知书）', 'Request correction (补正通知书)')}
        okText={t('发出补正通知', 'Send the notice')}
        width={640}
        initialValues={{ items: [''] }}
        intro={<Alert type="info" showIcon title={t('一次告知需补正的全部内容：每件只能发一次补正通知，发出后暂停计时。', 'List everything to correct at once: one notice per case; the clock pauses.')} />}
        success={t('已发出补正通知书，可在文书中打印', 'Correction notice issued; print it from the documents')}
        request={(x) => req('request-correction', { items: x.items.map((i) => i.trim()), note: trimmed(x.note) })}
      >
        {() => (
          <>
            <Form.List
              name="items"
              rules={[
                {
                  validator: async (_, items: string[] | undefined) => {
                    const list = (items ?? []).map((i) => i?.trim()).filter(Boolean);
                    if (list.length === 0) throw new Error(t('至少列出一项补正内容', 'List at least one thing to correct'));
                    if (new Set(list).size !== list.length) throw new Error(t('补正内容不能重复', 'The items must not repeat'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <Form.Item label={t('补正内容', 'To correct')} required>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item
                        name={f.name}
                        rules={[
                          { required: true, whitespace: true, message: t('请填写补正内容', 'Say what to correct') },
                          { max: 200, message: t('每项不超过 200 字', 'At most 200 characters each') },
                        ]}
                        style={{ width: 480, marginBottom: 8 }}
                      >
                        <Input placeholder={t('如：营业执照复印件不清晰', 'e.g. the copy of the business licence is unreadable')} data-testid={`correction-item-${i}`} />
                      </Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                    </Space>
                  ))}
                  {fields.length < 50 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="correction-add">
                      {t('再加一项', 'Add an item')}
                    </Button>
                  )}
                  <Form.ErrorList errors={errors} />
                </Form.Item>
              )}
            </Form.List>
            <Form.Item name="note" label={t('说明（可选）', 'Note (optional)')} rules={[{ max: 500, message: t('不超过 500 字', 'At most 500 characters') }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ kind: string; reason: string }>
        {...common}
        open={open === 'special-start'}
        title={t('启动特别程序', 'Start a special procedure')}
        okText={t('启动', 'Start')}
        intro={<Alert type="info" showIcon title={t('特别程序（听证、专家评审、检验、检测、公示）期间暂停计时。', 'The clock pauses during a special procedure (hearing, expert review, inspection, testing, public notice).')} />}
        success={t('特别程序已启动，暂停计时', 'Special procedure started; the clock is paused')}
        request={(x) => req('special-procedure/start', { kind: x.kind, reason: x.reason.trim() })}
      >
        {() => (
          <>
            <Form.Item name="kind" label={t('程序种类', 'Kind')} rules={[{ required: true, message: t('请选择程序种类', 'Choose the kind') }]}>
              <Select data-testid="special-kind" options={SPECIAL_PROCEDURE_KINDS.map((k) => ({ value: k.code, label: t(k.zh, k.en) }))} />
            </Form.Item>
            <TextField name="reason" label={t('理由', 'Reason')} required={t('请填写理由', 'Give the reason')} rows={3} testId="special-reason" />
          </>
        )}
      </ActionModal>

      <ActionModal<{ result?: string }>
        {...common}
        open={open === 'special-end'}
        title={t('结束特别程序', 'End the special procedure')}
        okText={t('结束', 'End')}
        intro={detail.specialProcedure ? <Typography.Paragraph>{t(`当前程序：${kindLabel(detail.specialProcedure, 'zh')}。结束后恢复计时。`, `Now: ${kindLabel(detail.specialProcedure, 'en')}. The clock resumes.`)}</Typography.Paragraph> : undefined}
        success={t('特别程序已结束，恢复计时', 'Special procedure ended; the clock runs again')}
        request={(x) => req('special-procedure/end', { result: trimmed(x.result) })}
      >
        {() => (
          <TextField name="result" label={t('程序结果（可选）', 'Result (optional)')} rows={3} testId="special-result" />
        )}
      </ActionModal>

      <ActionModal<{ days: number; reason: string; approvedByName: string; approvedBy: string }>
        {...common}
        open={open === 'extend'}
        title={t('延长审批', 'Extend the time limit')}
        okText={t('延长', 'Extend')}
        intro={
          <Alert
            type="info"
            showIcon
            title={t(
              `经本机关负责人批准可延长，每件合计不超过 ${MAX_EXTENSION_DAYS} 个工作日；已延长 ${detail.timeLimit.extensionDays} 个工作日。`,
              `With the head's approval, at most ${MAX_EXTENSION_DAYS} working days in all; ${detail.timeLimit.extensionDays} already granted.`,
            )}
          />
        }
        success={t('已延长办理时限', 'Time limit extended')}
        request={(x) => req('extension', { days: x.days, reason: x.reason.trim(), approvedBy: x.approvedBy.trim(), approvedByName: x.approvedByName.trim() })}
      >
        {() => (
          <>
            <Form.Item name="days" label={t('延长工作日数', 'Working days')} rules={[{ required: true, message: t('请填写延长天数', 'Give the days') }]}>
              <InputNumber min={1} max={MAX_EXTENSION_DAYS - detail.timeLimit.extensionDays} precision={0} style={{ width: 160 }} data-testid="extend-days" />
            </Form.Item>
            <TextField name="reason" label={t('延长理由', 'Reason')} required={t('请填写理由', 'Give the reason')} rows={2} testId="extend-reason" />
            <Space size="middle" align="start" wrap>
              <Form.Item
                name="approvedByName"
                label={t('批准人', 'Approved by')}
                rules={[
                  { required: true, whitespace: true, message: t('请填写批准的负责人', 'Name the head who approved it') },
                  { max: 100, message: t('不超过 100 字', 'At most 100 characters') },
                ]}
              >
                <Input placeholder={t('如：王主任', 'e.g. Director Wang')} style={{ width: 220 }} data-testid="extend-approver-name" />
              </Form.Item>
              <Form.Item
                name="approvedBy"
                label={t('批准人工号或岗位代码', 'Their staff id or post')}
                rules={[
                  { required: true, message: t('请填写工号或岗位代码', 'Give the staff id or post') },
                  { pattern: /^[\w.:-]{1,100}$/, message: t('只能用字母、数字和 . : _ -', 'Letters, digits and . : _ - only') },
                ]}
              >
                <Input placeholder="director-1" style={{ width: 220 }} data-testid="extend-approver-id" />
              </Form.Item>
            </Space>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string; legalBasis: string }>
        {...common}
        open={open === 'not-accept'}
        danger
        title={t('不予受理（不予受理决定书）', 'Not accept (不予受理决定书)')}
        okText={t('不予受理', 'Not accept')}
        intro={<Alert type="warning" showIcon title={t('办件将以“不予受理”办结，并出具不予受理决定书。', 'The case ends as not accepted, with a decision not to accept.')} />}
        success={t('已不予受理，可在文书中打印不予受理决定书', 'Not accepted; print the decision from the documents')}
        request={(x) => req('not-accept', { reason: x.reason.trim(), legalBasis: x.legalBasis.trim() })}
      >
        {() => (
          <>
            <TextField name="reason" label={t('不予受理理由', 'Reason')} required={t('请填写理由', 'Give the reason')} rows={3} testId="not-accept-reason" />
            <TextField name="legalBasis" label={t('法律依据', 'Legal basis')} required={t('请填写法律依据', 'Give the legal basis')} rows={2} placeholder={t('如：《中华人民共和国行政许可法》第三十二条', 'e.g. Administrative Licensing Law, art. 32')} testId="not-accept-basis" />
          </>
        )}
      </ActionModal>

      <ActionModal<{ resultName: string; resultNumber: string; validUntil?: Dayjs }>
        {...common}
        open={open === 'approve'}
        title={t('准予', 'Approve')}
        okText={t('准予', 'Approve')}
        intro={decideWarning}
        success={t('已准予，结果将送回收件窗口', 'Approved; the result goes back to the intake counter')}
        request={(x) => req('approve', { resultName: x.resultName.trim(), resultNumber: x.resultNumber.trim(), validUntil: x.validUntil ? x.validUntil.format('YYYY-MM-DD') : undefined })}
      >
        {() => (
          <>
            <Form.Item
              name="resultName"
              label={t('结果证照名称', 'Result document')}
              rules={[
                { required: true, whitespace: true, message: t('请填写结果证照名称', 'Name the result document') },
                { max: 100, message: t('不超过 100 字', 'At most 100 characters') },
              ]}
            >
              <Input placeholder={t('如：食品经营许可证', 'e.g. 食品经营许可证')} data-testid="approve-result-name" />
            </Form.Item>
            <Form.Item
              name="resultNumber"
              label={t('结果证照编号', 'Its number')}
              rules={[
                { required: true, whitespace: true, message: t('请填写证照编号', 'Give its number') },
                { max: 100, message: t('不超过 100 字', 'At most 100 characters') },
              ]}
            >
              <Input data-testid="approve-result-number" />
            </Form.Item>
            <Form.Item name="validUntil" label={t('有效期至（可选）', 'Valid until (optional)')}>
              <DatePicker format="YYYY-MM-DD" data-testid="approve-valid-until" />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string }>
        {...common}
        open={open === 'deny'}
        danger
        title={t('不予批准', 'Deny')}
        okText={t('不予批准', 'Deny')}
        intro={decideWarning}
        success={t('已作出不予批准决定', 'Denied')}
        request={(x) => req('deny', { reason: x.reason.trim() })}
      >
        {() => (
          <TextField name="reason" label={t('不予批准的理由', 'Reason')} required={t('请填写理由', 'Give the reason')} rows={3} testId="deny-reason" />
        )}
      </ActionModal>

      <ActionModal
        {...common}
        open={open === 'withdrawal-allow'}
        title={t('同意撤回', 'Allow the withdrawal')}
        okText={t('同意撤回', 'Allow')}
        intro={<Typography.Paragraph>{t('申请人在收件窗口申请撤回。同意后本件以“已撤回”办结，停止计时。', 'The applicant asked at the intake counter to withdraw. The case ends as withdrawn; the clock stops.')}</Typography.Paragraph>}
        success={t('已同意撤回', 'Withdrawal allowed')}
        request={() => req('withdrawal/allow')}
      />

      <ActionModal<{ reason: string }>
        {...common}
        open={open === 'withdrawal-refuse'}
        title={t('不同意撤回', 'Refuse the withdrawal')}
        okText={t('不同意', 'Refuse')}
        success={t('已不同意撤回，办件继续办理', 'Withdrawal refused; the case goes on')}
        request={(x) => req('withdrawal/refuse', { reason: x.reason.trim() })}
      >
        {() => (
          <TextField name="reason" label={t('理由', 'Reason')} required={t('请填写理由', 'Give the reason')} rows={3} testId="withdrawal-refuse-reason" />
        )}
      </ActionModal>
    </>
  );
}

export function kindLabel(code: string, lang: 'zh' | 'en'): string {
  const k = SPECIAL_PROCEDURE_KINDS.find((x) => x.code === code);
  return k ? k[lang] : code;
}
