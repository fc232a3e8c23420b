import { App, Button, type ButtonProps, Checkbox, DatePicker, Form, type FormInstance, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { CaseDetail } from '../../components/case/types';
import { api, ApiError } from '../../lib/api';
import { fromBeijingWallClock, toBeijingWallClock } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { DELIVERY_METHODS } from '../../../../../libs/cases/src/code-lists';
import { TextField } from '../../components/TextField';

/** 送达方式, from their one source (libs/cases/src/code-lists.ts: plain data), as the node's DeliverDto takes them. */
export { DELIVERY_METHODS };

const BEFORE_DECISION = ['received', 'awaiting_materials', 'materials_complete', 'accepted', 'in_transit_up', 'under_review', 'awaiting_correction', 'special_procedure'];
const OUTCOMES = ['approved', 'denied', 'not_accepted', 'withdrawn'];

type Values = Record<string, unknown>;

/** One thing the counter may do to the case now: a button, and the form the node's endpoint asks for. */
interface ActionSpec {
  key: string;
  testId: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  /** POST /cases/:n/<path> */
  path: string;
  title: string;
  /** The form's fields; none is a confirmation. */
  fields?: (form: FormInstance<Values>) => ReactNode;
  initial?: Values;
  toBody?: (v: Values) => Values;
  done: string;
}

interface MissingRow {
  name: string;
  brought: boolean;
  originals: number;
  copies: number;
  electronic: boolean;
}

/** 补齐材料: each material the one-time notice listed, ticked as the applicant brings it now. */
function MissingMaterialsFields({ form, names }: { form: FormInstance<Values>; names: string[] }) {
  const { t } = useLang();
  const rows = (Form.useWatch('materials', { form, preserve: true }) as MissingRow[] | undefined) ?? [];
  return (
    <Form.List name="materials">
      {(fields) => (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={fields}
          columns={[
            {
              title: t('已带来', 'Brought'),
              key: 'brought',
              width: 70,
              align: 'center',
              render: (_, f) => (
                <Form.Item name={[f.name, 'brought']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`complete-material-${f.name}`} />
                </Form.Item>
              ),
            },
            { title: t('材料', 'Material'), key: 'name', render: (_, f) => names[f.name] },
            {
              title: t('原件', 'Originals'),
              key: 'originals',
              width: 80,
              render: (_, f) => (
                <Form.Item name={[f.name, 'originals']} noStyle>
                  <InputNumber size="small" min={0} max={99} precision={0} style={{ width: 60 }} disabled={!rows[f.name]?.brought} />
                </Form.Item>
              ),
            },
            {
              title: t('复印件', 'Copies'),
              key: 'copies',
              width: 80,
              render: (_, f) => (
                <Form.Item name={[f.name, 'copies']} noStyle>
                  <InputNumber size="small" min={0} max={99} precision={0} style={{ width: 60 }} disabled={!rows[f.name]?.brought} />
                </Form.Item>
              ),
            },
            {
              title: t('电子件', 'Electronic'),
              key: 'electronic',
              width: 70,
              align: 'center',
              render: (_, f) => (
                <Form.Item name={[f.name, 'electronic']} valuePropName="checked" noStyle>
                  <Checkbox disabled={!rows[f.name]?.brought} />
                </Form.Item>
              ),
            },
          ]}
        />
      )}
    </Form.List>
  );
}

const OUTCOME_LABEL: Record<string, [string, string]> = { approved: ['准予', 'approved'], denied: ['不予批准', 'denied'], not_accepted: ['不予受理', 'not accepted'], withdrawn: ['已撤回', 'withdrawn'] };

/** A decision in a few words: its outcome and the result document, or the reason. */
export function resultText(result: Record<string, unknown>, lang: 'zh' | 'en'): string {
  const r = result as Record<string, string | undefined>;
  const label = OUTCOME_LABEL[r.outcome ?? ''];
  const head = label ? label[lang === 'zh' ? 0 : 1] : (r.outcome ?? '');
  const doc = r.resultName ? ` · ${r.resultName} ${r.resultNumber ?? ''}` : '';
  const why = r.reason ? ` · ${r.reason}` : '';
  return `${head}${doc}${why}`.trim();
}

/** The actions the counter may take on the case in its status, at this node. */
function specsFor(c: CaseDetail, here: string, t: (zh: string, en: string) => string, lang: 'zh' | 'en', holderName: string): ActionSpec[] {
  const s = c.status.code;
  const holderHere = c.holder === here;
  const intakeHere = c.intakeNode === here;
  const decidesHere = c.decidingNode === here;
  const list: ActionSpec[] = [];
  const reason = (label: string) => <TextField name="reason" label={label} required={t('请填写理由', 'Give the reason')} rows={3} testId="action-reason" />;

  if (s === 'awaiting_materials' && holderHere) {
    list.push({
      key: 'complete',
      testId: 'complete-materials',
      label: t('补齐材料', 'Complete materials'),
      primary: true,
      path: 'materials',
      title: t('补齐材料：勾选申请人本次带来的材料', 'Complete materials: tick what the applicant brought now'),
      initial: { materials: c.materials.missing.map((m) => ({ name: m.name, brought: true, originals: m.originals, copies: m.copies, electronic: false })) },
      fields: (form) => (
        <>
          <Typography.Paragraph type="secondary">
            {t('一次性告知书所列材料全部带齐后，同一办件即予受理（出具受理通知书）。', 'Once everything the one-time notice listed is brought, the same case is accepted (acceptance notice).')}
          </Typography.Paragraph>
          <MissingMaterialsFields form={form} names={c.materials.missing.map((m) => m.name)} />
        </>
      ),
      toBody: (v) => ({
        materials: ((v.materials as MissingRow[]) ?? []).filter((m) => m.brought).map((m) => ({ name: m.name, originals: m.originals ?? 0, copies: m.copies ?? 0, electronic: m.electronic === true })),
      }),
      done: t('材料已补齐，已受理', 'Materials complete: accepted'),
    });
  }
  if (s === 'accepted' && holderHere && decidesHere) {
    list.push({ key: 'take-up', testId: 'take-up', label: t('审查', 'Take up'), primary: true, path: 'take-up', title: t('开始审查本办件？您将成为承办人', 'Take the case up for review? You become its handler'), done: t('已开始审查', 'Under review') });
  }
  if (s === 'under_review' && holderHere) {
    list.push({
      key: 'approve',
      testId: 'approve',
      label: t('准予', 'Approve'),
      primary: true,
      path: 'approve',
      title: t('准予：结果证照', 'Approve: the result document'),
      fields: () => (
        <>
          <Form.Item name="resultName" label={t('结果证照名称', 'Result document')} rules={[{ required: true, whitespace: true, message: t('请填写结果证照名称', 'Enter the result document') }, { max: 100 }]}>
            <Input data-testid="approve-result-name" />
          </Form.Item>
          <Form.Item name="resultNumber" label={t('结果证照编号', 'Result number')} rules={[{ required: true, whitespace: true, message: t('请填写结果证照编号', 'Enter its number') }, { max: 100 }]}>
            <Input data-testid="approve-result-number" />
          </Form.Item>
          <Form.Item name="validUntil" label={t('有效期至（可不填）', 'Valid until (optional)')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ),
      toBody: (v) => ({ resultName: v.resultName, resultNumber: v.resultNumber, ...(v.validUntil ? { validUntil: (v.validUntil as Dayjs).format('YYYY-MM-DD') } : {}) }),
      done: t('已准予', 'Approved'),
    });
    list.push({ key: 'deny', testId: 'deny', label: t('不予批准', 'Deny'), danger: true, path: 'deny', title: t('不予批准', 'Deny'), fields: () => reason(t('不予批准的理由', 'Reason')), done: t('已作出不予批准决定', 'Denied') });
    if (!c.correction) {
      list.push({
        key: 'correction',
        testId: 'request-correction',
        label: t('补正告知', 'Ask for correction'),
        path: 'request-correction',
        title: t('补正告知：一次列明全部需补正的内容', 'Correction notice: list everything at once'),
        fields: () => (
          <Form.Item name="items" label={t('需补正的内容（每行一项）', 'To correct (one per line)')} rules={[{ required: true, whitespace: true, message: t('请列明补正内容', 'List what to correct') }]}>
            <Input.TextArea rows={4} data-testid="correction-items" />
          </Form.Item>
        ),
        toBody: (v) => ({ items: [...new Set(String(v.items).split('\n').map((x) => x.trim()).filter(Boolean))] }),
        done: t('已出具补正通知书，计时暂停', 'Correction notice issued; the clock is paused'),
      });
    }
  }
  if (s === 'awaiting_correction' && intakeHere) {
    list.push({
      key: 'correction-received',
      testId: 'correction-received',
      label: t('补正材料已收', 'Correction received'),
      primary: true,
      path: 'correction-received',
      title: t('收取申请人的补正材料', "Take in the applicant's correction"),
      fields: () => (
        <>
          {c.correction && (
            <Typography.Paragraph>
              {t('补正内容：', 'To correct: ')}
              {c.correction.join('；')}
            </Typography.Paragraph>
          )}
          <Form.Item name="note" label={t('说明（可不填）', 'Note (optional)')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} data-testid="correction-note" />
          </Form.Item>
        </>
      ),
      toBody: (v) => (v.note ? { note: v.note } : {}),
      done: holderHere ? t('补正已收，恢复计时', 'Correction received; the clock resumes') : t(`补正已收，已送${holderName}`, `Correction received and sent to ${holderName}`),
    });
  }
  if (['received', 'awaiting_materials', 'materials_complete', 'accepted'].includes(s) && holderHere) {
    list.push({
      key: 'not-accept',
      testId: 'not-accept',
      label: t('不予受理', 'Do not accept'),
      danger: true,
      path: 'not-accept',
      title: t('不予受理（出具不予受理决定书）', 'Do not accept (decision not to accept)'),
      fields: () => (
        <>
          {reason(t('不予受理的理由', 'Reason'))}
          <TextField name="legalBasis" label={t('法律依据', 'Legal basis')} required={t('请填写法律依据', 'Give the legal basis')} rows={2} testId="action-legal-basis" />
        </>
      ),
      done: t('已作出不予受理决定', 'Not accepted'),
    });
  }
  if (BEFORE_DECISION.includes(s) && intakeHere && !c.withdrawalRequested && c.outcome === null) {
    list.push({
      key: 'withdrawal',
      testId: 'request-withdrawal',
      label: t('申请撤回', 'Request withdrawal'),
      path: 'withdrawal',
      title: t('申请人申请撤回本办件', 'The applicant asks to withdraw'),
      fields: () => (
        <Form.Item name="reason" label={t('撤回原因（可不填）', 'Reason (optional)')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} data-testid="withdrawal-reason" />
        </Form.Item>
      ),
      toBody: (v) => (v.reason ? { reason: v.reason } : {}),
      done: holderHere ? t('已记录撤回申请', 'Withdrawal requested') : t(`撤回申请已送${holderName}`, `Withdrawal request sent to ${holderName}`),
    });
  }
  if (c.withdrawalRequested && holderHere && c.outcome === null) {
    list.push({ key: 'allow', testId: 'allow-withdrawal', label: t('同意撤回', 'Allow withdrawal'), path: 'withdrawal/allow', title: t('同意撤回？办件将以“已撤回”办结', 'Allow the withdrawal? The case ends as withdrawn'), done: t('已同意撤回', 'Withdrawn') });
    list.push({ key: 'refuse', testId: 'refuse-withdrawal', label: t('不同意撤回', 'Refuse withdrawal'), path: 'withdrawal/refuse', title: t('不同意撤回', 'Refuse the withdrawal'), fields: () => reason(t('理由', 'Reason')), done: t('已拒绝撤回，办件继续办理', 'Withdrawal refused') });
  }
  if (holderHere && intakeHere && (s === 'awaiting_delivery' || OUTCOMES.includes(s))) {
    list.push({
      key: 'deliver',
      testId: 'deliver',
      label: t('送达', 'Deliver'),
      primary: true,
      path: 'deliver',
      title: t('送达办理结果（送达回证）', 'Deliver the result (delivery receipt)'),
      initial: { method: 'in_person', at: toBeijingWallClock(dayjs()), recipient: c.applicant.kind === 'organisation' ? (c.applicant.contactName ?? c.applicant.name) : c.applicant.name },
      fields: () => (
        <>
          {c.result && (
            <Typography.Paragraph data-testid="deliver-result">
              {t('送达的结果：', 'Result to deliver: ')}
              {resultText(c.result, lang)}
            </Typography.Paragraph>
          )}
          <Form.Item name="method" label={t('送达方式', 'Method')} rules={[{ required: true }]}>
            <Select data-testid="deliver-method" options={DELIVERY_METHODS.map((m) => ({ value: m.code, label: lang === 'zh' ? m.zh : m.en }))} />
          </Form.Item>
          <Form.Item name="at" label={t('送达时间（北京时间）', 'Delivered at (Beijing time)')} rules={[{ required: true, message: t('请选择送达时间', 'Pick the time') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(toBeijingWallClock(dayjs()), 'day')} data-testid="deliver-at" />
          </Form.Item>
          <Form.Item name="recipient" label={t('签收人', 'Signed for by')} rules={[{ required: true, whitespace: true, message: t('请填写签收人', 'Who signed for it') }, { max: 100 }]}>
            <Input data-testid="deliver-recipient" />
          </Form.Item>
        </>
      ),
      toBody: (v) => ({ method: v.method, at: fromBeijingWallClock(v.at as Dayjs).toISOString(), recipient: String(v.recipient).trim() }),
      done: t('已送达，出具送达回证', 'Delivered; delivery receipt issued'),
    });
  }
  return list;
}

/** One action's button and its form; the node's answer reloads the case. */
function ActionButton({ spec, c, onDone }: { spec: ActionSpec; c: CaseDetail; onDone: () => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // Every value, also those without a field of their own (the names of the materials listed).
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    setError(null);
    try {
      await api(`/cases/${encodeURIComponent(c.caseNumber)}/${spec.path}`, { method: 'POST', body: { ...(spec.toBody ? spec.toBody(v) : v), expectedVersion: c.version } });
      message.success(spec.done);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        type={spec.primary ? 'primary' : 'default'}
        danger={spec.danger}
        data-testid={spec.testId}
        onClick={() => {
          form.resetFields();
          if (spec.initial) form.setFieldsValue(spec.initial);
          setError(null);
          setOpen(true);
        }}
      >
        {spec.label}
      </Button>
      <Modal
        open={open}
        title={spec.title}
        width={spec.key === 'complete' ? 720 : 520}
        okText={t('确定', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ loading: busy, danger: spec.danger, 'data-testid': `${spec.testId}-confirm` } as ButtonProps}
        onOk={submit}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical">
          {spec.fields?.(form)}
        </Form>
        {error && (
          <Typography.Text type="danger" data-testid="action-error">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  );
}

/** The counter's buttons for the case, by its status and where it is. */
export function CounterActions({ c, here, extra, onDone }: { c: CaseDetail; here: string; extra?: ReactNode; onDone: () => void }) {
  const { lang, t } = useLang();
  const { nameOf } = useNetwork();
  const specs = specsFor(c, here, t, lang, nameOf(c.holder));
  if (specs.length === 0 && !extra) return null;
  return (
    <Space wrap data-testid="case-actions">
      {specs.map((s) => (
        <ActionButton key={s.key} spec={s} c={c} onDone={onDone} />
      ))}
      {extra}
    </Space>
  );
}
