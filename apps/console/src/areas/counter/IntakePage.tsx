import { ArrowLeftOutlined, CheckCircleOutlined, ExclamationCircleOutlined, FileDoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PrintDocumentButton } from '../../components/DocumentList';
import type { CaseDetail } from '../../components/case/types';
import { api, ApiError, newIdempotencyKey } from '../../lib/api';
import { creditCodeProblem, date, phoneProblem, residentIdProblem } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { intakeAllowedHere, MatterSearchPanel } from './MattersPage';
import { DecisionLevelTag, decidingCentre, requirementLabel } from './shared';
import type { ChecklistMaterial, MatterDetail } from './types';
import { useMatter } from './useMatters';

interface Row {
  /** The circumstance of a conditional material applies (依情形提交); always true for a required one. */
  applies: boolean;
  brought: boolean;
  originals: number;
  copies: number;
  electronic: boolean;
}

interface ApplicantForm {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  contactName?: string;
  contactIdNumber?: string;
  phone: string;
  address: string;
  resultName?: string;
  resultNumber?: string;
  validUntil?: Dayjs;
}

const INSTANT = '1';
const LICENCE = '01';

/** The fields of the intake body the node names in its field problems, and the form's fields they belong to. */
const FIELD_OF: Record<string, string> = {
  'applicant.kind': 'kind',
  'applicant.name': 'name',
  'applicant.idNumber': 'idNumber',
  'applicant.contactName': 'contactName',
  'applicant.contactIdNumber': 'contactIdNumber',
  'applicant.phone': 'phone',
  'applicant.address': 'address',
  'instantResult.resultName': 'resultName',
  'instantResult.resultNumber': 'resultNumber',
};

const blankRow = (m: ChecklistMaterial): Row => ({ applies: m.requirement.code !== 'conditional', brought: false, originals: 0, copies: 0, electronic: false });

/** The materials ticked against the checklist: one row per material, conditional rows once their circumstance is marked. */
function MaterialsTicks({ matter, rows, setRows }: { matter: MatterDetail; rows: Row[]; setRows: (r: Row[]) => void }) {
  const { lang, t } = useLang();
  const change = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const tick = (i: number, brought: boolean) => {
    const m = matter.checklist.materials[i]!;
    change(i, brought ? { brought, originals: Math.max(rows[i]!.originals, m.originals), copies: Math.max(rows[i]!.copies, m.copies) } : { brought, originals: 0, copies: 0, electronic: false });
  };
  const data = matter.checklist.materials.map((m, i) => ({ m, i, r: rows[i] ?? blankRow(m) }));
  return (
    <Table
      size="small"
      rowKey={(x) => x.m.no}
      pagination={false}
      dataSource={data}
      scroll={{ x: true }}
      data-testid="intake-materials"
      columns={[
        { title: t('序号', 'No.'), key: 'no', width: 48, render: (_, x) => x.m.no },
        {
          title: t('材料（一次性告知单）', 'Material (checklist)'),
          key: 'name',
          render: (_, x) => (
            <div>
              <div>
                {x.m.name} <Tag color={x.m.requirement.code === 'conditional' ? 'orange' : 'red'}>{requirementLabel(x.m.requirement.code, lang)}</Tag>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`需原件 ${x.m.originals} 份、复印件 ${x.m.copies} 份`, `originals ${x.m.originals}, copies ${x.m.copies}`)}
              </Typography.Text>
              {x.m.requirement.code === 'conditional' && (
                <div>
                  <Checkbox checked={x.r.applies} onChange={(e) => change(x.i, { applies: e.target.checked, ...(e.target.checked ? {} : { brought: false, originals: 0, copies: 0, electronic: false }) })} data-testid={`condition-${x.i}`}>
                    <span style={{ fontSize: 12 }}>{t(`适用情形：${x.m.notes ?? '依情形提交'}`, `Applies: ${x.m.notes ?? 'in stated circumstances'}`)}</span>
                  </Checkbox>
                </div>
              )}
            </div>
          ),
        },
        {
          title: t('已收', 'Brought'),
          key: 'brought',
          width: 60,
          align: 'center',
          render: (_, x) => (x.r.applies ? <Checkbox checked={x.r.brought} onChange={(e) => tick(x.i, e.target.checked)} data-testid={`material-${x.i}`} aria-label={x.m.name} /> : null),
        },
        {
          title: t('原件', 'Originals'),
          key: 'originals',
          width: 76,
          render: (_, x) => (x.r.applies ? <InputNumber size="small" min={0} max={99} precision={0} style={{ width: 60 }} value={x.r.originals} disabled={!x.r.brought} onChange={(v) => change(x.i, { originals: v ?? 0 })} data-testid={`material-${x.i}-originals`} /> : null),
        },
        {
          title: t('复印件', 'Copies'),
          key: 'copies',
          width: 76,
          render: (_, x) => (x.r.applies ? <InputNumber size="small" min={0} max={99} precision={0} style={{ width: 60 }} value={x.r.copies} disabled={!x.r.brought} onChange={(v) => change(x.i, { copies: v ?? 0 })} data-testid={`material-${x.i}-copies`} /> : null),
        },
        {
          title: t('电子件', 'Electronic'),
          key: 'electronic',
          width: 64,
          align: 'center',
          render: (_, x) => (x.r.applies ? <Checkbox checked={x.r.electronic} disabled={!x.r.brought} onChange={(e) => change(x.i, { electronic: e.target.checked })} data-testid={`material-${x.i}-electronic`} /> : null),
        },
      ]}
    />
  );
}

/** What the node made of the application: the one-time notice with what is missing, or the acceptance. */
function IntakeResult({ c, onNew }: { c: CaseDetail; onNew: () => void }) {
  const { lang, t } = useLang();
  const { node } = useSession();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const open = () => navigate(`/counter/cases/${c.caseNumber}`);
  const notice = c.documents.find((d) => d.kind === 'one_time_notice');
  const acceptance = c.documents.find((d) => d.kind === 'acceptance_notice');
  const waiting = c.status.code === 'awaiting_materials';
  const handedUp = c.holder !== node?.code;
  return (
    <Card data-testid="intake-result" data-status={c.status.code}>
      <Result
        status={waiting ? 'warning' : 'success'}
        icon={waiting ? <ExclamationCircleOutlined /> : <CheckCircleOutlined />}
        title={waiting ? t('材料不齐全，已出具一次性告知书', 'Materials missing: one-time notice issued') : t('材料齐全，已受理', 'Materials complete: accepted')}
        subTitle={
          <Space orientation="vertical" size={2}>
            <span>
              {t('办件编号', 'Case number')}：
              <Typography.Text strong copyable data-testid="intake-case-number">
                {c.caseNumber}
              </Typography.Text>
            </span>
            <span>
              {c.item.name} · {c.applicant.name} ·{' '}
              <Tag color={waiting ? 'orange' : 'green'} data-testid="intake-status">
                {lang === 'zh' ? c.status.zh : c.status.en}
              </Tag>
            </span>
            {!waiting && c.dueDate && <span>{t(`承诺办结日期：${date(c.dueDate)}`, `Committed completion: ${date(c.dueDate)}`)}</span>}
            {!waiting && handedUp && <span>{t(`已转报${nameOf(c.decidingNode)}审批（全程代办），结果回本窗口送达`, `Sent on to ${nameOf(c.decidingNode)} to decide; the result comes back to this counter`)}</span>}
          </Space>
        }
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            {waiting && notice && <PrintDocumentButton caseNumber={c.caseNumber} doc={notice} />}
            {!waiting && acceptance && <PrintDocumentButton caseNumber={c.caseNumber} doc={acceptance} />}
            {waiting ? (
              <Button type="primary" onClick={open} data-testid="open-case">
                {t('打开办件', 'Open the case')}
              </Button>
            ) : (
              <Button type="primary" icon={<FileDoneOutlined />} onClick={open} data-testid="accept">
                {t('受理完成，进入办件', 'Accepted: open the case')}
              </Button>
            )}
            <Button onClick={onNew} data-testid="intake-new">
              {t('继续收件', 'Next application')}
            </Button>
          </Space>
        }
      />
      {waiting && (
        <Card size="small" type="inner" title={t('一次性告知：请申请人补齐以下材料', 'One-time notice: the applicant brings these')} data-testid="intake-missing">
          <ol style={{ margin: 0, paddingLeft: 22 }}>
            {c.materials.missing.map((m) => (
              <li key={m.name}>
                {m.name}
                <Typography.Text type="secondary">
                  {m.reason === 'absent' ? t('（未提交', ' (not brought') : m.reason === 'too_few_originals' ? t('（原件份数不足', ' (too few originals') : t('（复印件份数不足', ' (too few copies')}
                  {t(`，需原件 ${m.originals} 份、复印件 ${m.copies} 份）`, `; originals ${m.originals}, copies ${m.copies})`)}
                </Typography.Text>
              </li>
            ))}
          </ol>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('补齐后在办件中点击“补齐材料”，同一办件即予受理，不再另行要求其他材料。', 'When they are brought, use "Complete materials" on the case: the same case is accepted, nothing else is asked for.')}
          </Typography.Paragraph>
        </Card>
      )}
    </Card>
  );
}

/** 收件: a chosen matter's application, checked against its checklist by the node. */
function IntakeForm({ matter, onDone, onBack }: { matter: MatterDetail; onDone: (c: CaseDetail) => void; onBack: () => void }) {
  const { lang, t } = useLang();
  const { node, me } = useSession();
  const { nodes } = useNetwork();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplicantForm>();
  const kind = Form.useWatch('kind', form);
  const [rows, setRows] = useState<Row[]>(() => matter.checklist.materials.map(blankRow));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** One key for this application, kept across retries of the same form: a lost answer never makes a second case. */
  const key = useRef(newIdempotencyKey());
  const tier = node?.tier ?? me?.tier;
  const decider = decidingCentre(nodes, node?.code, matter.decisionLevel.code) ?? (node && node.tier === matter.decisionLevel.code ? node : undefined);
  const personAllowed = matter.servedParties.some((p) => p.code === '1');
  const orgAllowed = matter.servedParties.some((p) => p.code !== '1');
  const instantHere = matter.caseType.code === INSTANT && matter.kind.code !== LICENCE && matter.decisionLevel.code === tier;
  const allowed = intakeAllowedHere(matter, tier);

  const applicable = rows.filter((r) => r.applies).length;
  const brought = rows.filter((r) => r.applies && r.brought).length;

  const idRule = (check: (v: string, l: 'zh' | 'en') => string | null) => ({
    validator: (_: unknown, v: string | undefined) => {
      if (!v) return Promise.resolve();
      const p = check(v, lang);
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  });

  const submit = async () => {
    setError(null);
    let v: ApplicantForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const mats = matter.checklist.materials;
    const body = {
      itemCode: matter.code,
      ...(matter.origin === 'county' ? { origin: 'county' } : {}),
      channel: '1',
      applicant: {
        kind: v.kind,
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        ...(v.kind === 'organisation' ? { contactName: v.contactName?.trim(), contactIdNumber: v.contactIdNumber?.trim().toUpperCase() } : {}),
        phone: v.phone.trim(),
        address: v.address.trim(),
      },
      materials: rows.flatMap((r, i) => (r.applies && r.brought ? [{ name: mats[i]!.name, originals: r.originals, copies: r.copies, electronic: r.electronic }] : [])),
      conditions: rows.flatMap((r, i) => (r.applies && mats[i]!.requirement.code === 'conditional' ? [mats[i]!.name] : [])),
      ...(instantHere && v.resultName ? { instantResult: { resultName: v.resultName.trim(), resultNumber: v.resultNumber?.trim() ?? '', ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}) } } : {}),
    };
    setBusy(true);
    try {
      const c = await api<CaseDetail>('/cases', { method: 'POST', body, idempotencyKey: key.current });
      message.success(c.status.code === 'awaiting_materials' ? t(`已收件 ${c.caseNumber}，出具一次性告知书`, `Case ${c.caseNumber} taken in; one-time notice issued`) : t(`已受理 ${c.caseNumber}`, `Case ${c.caseNumber} accepted`));
      onDone(c);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接本节点，请重试（同一申请不会重复收件）', 'The node cannot be reached; retry (the same application is never taken in twice)');
      setError(err);
      form.setFields(err.errors.flatMap((p) => (FIELD_OF[p.field] ? [{ name: FIELD_OF[p.field] as keyof ApplicantForm, errors: [lang === 'zh' ? p.message : p.messageEn] }] : [])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="intake-matter" style={{ fontSize: 16 }}>
              {t('收件：', 'Intake: ')}
              {matter.name}
            </span>
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {matter.code}
            </Typography.Text>
            <DecisionLevelTag level={matter.decisionLevel.code} />
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {decider ? t(`由${decider.name}决定`, `decided by ${decider.name}`) : ''}
              {matter.caseType.code === INSTANT ? t('，即办件', ', on the spot') : t(`，承诺 ${matter.committedTimeLimit.days} 个工作日`, `, ${matter.committedTimeLimit.days} working days`)}
            </Typography.Text>
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
            {t('返回事项', 'Back to the matter')}
          </Button>
        }
      >
        {!allowed && <Alert type="error" showIcon title={t('该事项不能在本中心收件', 'This matter cannot be taken in at this centre')} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('申请人', 'Applicant')}>
            <Form<ApplicantForm> form={form} layout="horizontal" labelCol={{ flex: '112px' }} labelWrap colon={false} initialValues={{ kind: personAllowed ? 'person' : 'organisation' }} validateTrigger={['onChange', 'onBlur']}>
              <Form.Item name="kind" label={t('申请人类型', 'Kind')}>
                <Radio.Group optionType="button" buttonStyle="solid" data-testid="applicant-kind">
                  <Radio.Button value="person" disabled={!personAllowed}>
                    {t('自然人', 'Person')}
                  </Radio.Button>
                  <Radio.Button value="organisation" disabled={!orgAllowed}>
                    {t('法人或其他组织', 'Organisation')}
                  </Radio.Button>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="name" label={kind === 'organisation' ? t('单位名称', 'Organisation') : t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写申请人名称', 'Enter the applicant') }, { max: 100 }]}>
                <Input data-testid="applicant-name" autoComplete="off" />
              </Form.Item>
              {kind === 'organisation' ? (
                <Form.Item name="idNumber" label={t('统一社会信用代码', 'Credit code')} rules={[{ required: true, message: t('请填写统一社会信用代码', 'Enter the credit code') }, idRule(creditCodeProblem)]}>
                  <Input data-testid="applicant-id" maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              ) : (
                <Form.Item name="idNumber" label={t('居民身份证号', 'Resident ID')} rules={[{ required: true, message: t('请填写身份证号', 'Enter the resident ID') }, idRule(residentIdProblem)]}>
                  <Input data-testid="applicant-id" maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              )}
              {kind === 'organisation' && (
                <>
                  <Form.Item name="contactName" label={t('经办人', 'Contact person')} rules={[{ required: true, whitespace: true, message: t('请填写经办人', 'Enter the contact person') }, { max: 50 }]}>
                    <Input data-testid="contact-name" autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="contactIdNumber" label={t('经办人身份证号', "Contact's resident ID")} rules={[{ required: true, message: t('请填写经办人身份证号', "Enter the contact's resident ID") }, idRule(residentIdProblem)]}>
                    <Input data-testid="contact-id" maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </>
              )}
              <Form.Item name="phone" label={t('联系电话', 'Phone')} rules={[{ required: true, message: t('请填写联系电话', 'Enter a phone number') }, idRule(phoneProblem)]}>
                <Input data-testid="applicant-phone" autoComplete="off" />
              </Form.Item>
              <Form.Item name="address" label={t('联系地址', 'Address')} rules={[{ required: true, whitespace: true, message: t('请填写联系地址', 'Enter the address') }, { max: 200 }]}>
                <Input data-testid="applicant-address" autoComplete="off" />
              </Form.Item>
              {instantHere && (
                <Card size="small" type="inner" title={t('即办件：当场办结的结果', 'Instant matter: the result handed over now')}>
                  <Form.Item name="resultName" label={t('结果证照名称', 'Result document')} rules={[{ required: true, whitespace: true, message: t('即办件请填写结果证照名称', 'Enter the result document') }]}>
                    <Input data-testid="instant-result-name" />
                  </Form.Item>
                  <Form.Item name="resultNumber" label={t('结果证照编号', 'Result number')} rules={[{ required: true, whitespace: true, message: t('即办件请填写结果证照编号', 'Enter its number') }]}>
                    <Input data-testid="instant-result-number" />
                  </Form.Item>
                  <Form.Item name="validUntil" label={t('有效期至（可不填）', 'Valid until (optional)')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Card>
              )}
            </Form>
          </Card>
          {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error.text(lang)} data-testid="intake-error" />}
          <Button type="primary" size="large" block style={{ marginTop: 12 }} loading={busy} disabled={!allowed} onClick={submit} data-testid="intake-submit">
            {t(`提交收件（已收材料 ${brought} / ${applicable} 项）`, `Submit (${brought} of ${applicable} materials)`)}
          </Button>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t(`材料核验（已收 ${brought} / ${applicable} 项）`, `Materials (${brought} of ${applicable} brought)`)}
            extra={
              <Button size="small" onClick={() => setRows(rows.map((r, i) => (r.applies ? { ...r, brought: true, originals: Math.max(r.originals, matter.checklist.materials[i]!.originals), copies: Math.max(r.copies, matter.checklist.materials[i]!.copies) } : r)))} data-testid="materials-all">
                {t('全部收齐', 'All brought')}
              </Button>
            }
          >
            <MaterialsTicks matter={matter} rows={rows} setRows={setRows} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('是否齐全由本节点按一次性告知单核定：缺少的材料一次列明（一次性告知书），齐全即予受理（受理通知书）。', 'The node checks the materials against the checklist: anything missing is listed at once (one-time notice); complete materials are accepted (acceptance notice).')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      </Card>
    </div>
  );
}

/** 收件 (intake): pick a matter, fill in the applicant and tick the materials; the node answers with the notice or the acceptance. */
export function IntakePage() {
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const item = params.get('item');
  const origin = params.get('origin');
  const { matter, loading, error } = useMatter(item, origin);
  const [result, setResult] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  const back = () => navigate(`/counter/matters?code=${item}&origin=${origin ?? 'city'}`);

  useEffect(() => setResult(null), [item, origin]);

  if (!item) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('请先选择要办理的事项', 'First pick the matter')} />
        <MatterSearchPanel onPick={(m) => setParams({ item: m.code, origin: m.origin })} />
      </Space>
    );
  }
  return (
    <div>
      {result ? (
        <Space style={{ marginBottom: 16 }}>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('返回事项', 'Back to the matter')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('收件结果', 'Intake result')}
          </Typography.Title>
        </Space>
      ) : null}
      {error ? <Alert type="error" showIcon title={error.text(lang)} style={{ marginBottom: 16 }} /> : null}
      {loading ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {result ? (
        <IntakeResult
          c={result}
          onNew={() => {
            setResult(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        matter ? <IntakeForm key={`${matter.origin}:${matter.code}:${round}`} matter={matter} onDone={setResult} onBack={back} /> : null
      )}
    </div>
  );
}
