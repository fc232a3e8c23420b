import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, type FieldProblem } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { CASE_TYPES, CHANNELS, DECISION_LEVELS, ITEM_KINDS, MATERIAL_FORMS, MATERIAL_REQUIREMENTS, optionsOf, SERVED_PARTIES, SPECIAL_PROCEDURES } from './codes';
import { errorText, StatusTag } from './common';
import { formPath } from './fields';
import type { CatalogItem, Draft, DraftRow, Revision } from './types';

/** The form's values: the item, with its lists of texts as one line each. */
type FormValues = Omit<CatalogItem, 'conditions' | 'legalBasis'> & { conditionsText: string; legalBasisText: string };

const NEW_ITEM: CatalogItem = {
  basicCode: '',
  implementationCode: '',
  name: '',
  kindCode: '01',
  department: { name: '', creditCode: '' },
  decisionLevel: 'county',
  intakeLevels: ['township', 'county'],
  caseType: '2',
  legalTimeLimit: { days: 20, unit: 'working-day' },
  committedTimeLimit: { days: 10, unit: 'working-day' },
  conditions: [],
  materials: [{ name: '', issuer: '申请人', forms: ['original'], originals: 1, copies: 0, requirement: 'required' }],
  legalBasis: [],
  fee: { charged: false },
  processSteps: [{ name: '受理' }, { name: '审查' }, { name: '决定' }, { name: '送达' }],
  specialProcedures: [],
  maxVisits: 1,
  onlineAvailable: false,
  servedParties: ['1'],
  channels: ['1'],
  place: '',
  hours: '工作日 9:00—12:00，13:30—17:30（法定节假日除外）',
  enquiryPhone: '',
  complaintPhone: '12345',
  faq: [],
  keywords: [],
  status: 'draft',
};

const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function toForm(item: CatalogItem): FormValues {
  const { conditions, legalBasis, ...rest } = item;
  return { ...rest, conditionsText: (conditions ?? []).join('\n'), legalBasisText: (legalBasis ?? []).join('\n') };
}

/** Blank optional texts left out, as the API expects them absent rather than empty. */
function blankless<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

function fromForm(v: FormValues): CatalogItem {
  const { conditionsText, legalBasisText, ...rest } = v;
  const item: CatalogItem = {
    ...rest,
    conditions: lines(conditionsText),
    legalBasis: lines(legalBasisText),
    legalTimeLimit: blankless({ ...v.legalTimeLimit, unit: 'working-day' }),
    committedTimeLimit: blankless({ ...v.committedTimeLimit, unit: 'working-day' }),
    fee: blankless({ ...v.fee, charged: !!v.fee?.charged }),
    materials: (v.materials ?? []).map((m) => blankless(m)),
    processSteps: (v.processSteps ?? []).map((s) => blankless(s)),
    faq: v.faq ?? [],
    keywords: v.keywords ?? [],
    specialProcedures: v.specialProcedures ?? [],
    onlineAvailable: !!v.onlineAvailable,
  };
  if (!v.noMaterialsRequired) delete item.noMaterialsRequired;
  if (!v.effectiveUntil) delete item.effectiveUntil;
  if (!v.effectiveFrom) delete item.effectiveFrom;
  return item;
}

/** Create or edit a draft (route `city/catalog/drafts/new` or `…/:code`): every field of the item, materials included. */
export function DraftFormPage() {
  const { code: param = 'new' } = useParams();
  const isNew = param === 'new';
  const { t, lang } = useLang();
  const { has } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [loading, setLoading] = useState(!isNew);
  const [saving, setSaving] = useState(false);
  const [source, setSource] = useState<'new' | 'draft' | 'published'>('new');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState('draft');
  const editor = has('catalog_editor');
  const charged = Form.useWatch(['fee', 'charged'], form);

  useEffect(() => {
    if (isNew) {
      form.setFieldsValue(toForm(NEW_ITEM));
      return;
    }
    void (async () => {
      try {
        // Whether there is a draft first: asking for a missing one would put a 404 in the browser's console.
        const drafts = await api<DraftRow[]>('/catalog/drafts');
        if (drafts.some((d) => d.code === param)) {
          const d = await api<Draft>(`/catalog/drafts/${encodeURIComponent(param)}`);
          form.setFieldsValue(toForm(d.data));
          setStatus(d.data.status);
          setSource('draft');
        } else {
          const revisions = await api<Revision[]>(`/catalog/items/${encodeURIComponent(param)}/revisions`);
          const newest = revisions[revisions.length - 1]!;
          form.setFieldsValue(toForm(newest.data));
          setStatus(newest.data.status);
          setSource('published');
        }
      } catch (err) {
        setLoadError(err);
      } finally {
        setLoading(false);
      }
    })();
  }, [isNew, param, form]);

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const item = fromForm({ ...form.getFieldsValue(true), ...values });
    setSaving(true);
    setProblems([]);
    try {
      await api(`/catalog/drafts/${encodeURIComponent(item.implementationCode)}`, { method: 'PUT', body: item });
      message.success(t(`已保存草稿 ${item.implementationCode}`, `Draft ${item.implementationCode} saved`));
      navigate('/city/catalog/drafts');
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) {
        setProblems(err.errors);
        const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
        for (const p of err.errors) {
          const name = formPath(p.field);
          if (!name) continue;
          const key = JSON.stringify(name);
          const entry = byPath.get(key) ?? { name, errors: [] };
          entry.errors.push(lang === 'zh' ? p.message : p.messageEn);
          byPath.set(key, entry);
        }
        form.setFields([...byPath.values()] as Parameters<typeof form.setFields>[0]);
      }
      message.error(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('必填', 'Required') }];
  const col = { xs: 24, md: 12, xl: 8 };

  return (
    <Spin spinning={loading}>
      <Form form={form} layout="vertical" disabled={!editor} data-testid="draft-form" scrollToFirstError>
        <Card
          title={
            <Space>
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('返回', 'Back')} disabled={false} />
              {isNew ? t('新建事项草稿', 'New item draft') : t(`事项草稿 ${param}`, `Draft of ${param}`)}
              <StatusTag status={status} />
            </Space>
          }
          extra={
            editor && (
              <Button type="primary" loading={saving} onClick={save} data-testid="draft-save">
                {t('保存草稿', 'Save draft')}
              </Button>
            )
          }
        >
          {loadError !== null && <Alert type="error" showIcon title={errorText(loadError, lang)} style={{ marginBottom: 12 }} />}
          {source === 'published' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('以当前发布的内容为起点；保存后成为草稿，发布版本后才生效。', 'Starting from the published item; saved as a draft, it takes effect once a version publishes it.')} />
          )}
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`有 ${problems.length} 处需要修改`, `${problems.length} field(s) to correct`)}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="draft-problems">
                  {problems.map((p, i) => (
                    <li key={i}>{lang === 'zh' ? p.message : p.messageEn}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Form.Item name="status" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="effectiveFrom" hidden>
            <Input />
          </Form.Item>

          <Typography.Title level={5}>{t('基本信息', 'Basics')}</Typography.Title>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="implementationCode" label={t('实施编码', 'Implementation code')} rules={required} extra={t('基本编码 + 1 至 14 位数字或大写字母', 'basic code + 1 to 14 digits or capitals')}>
                <Input disabled={!isNew || !editor} data-testid="draft-code" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="basicCode" label={t('基本编码', 'Basic code')} rules={required}>
                <Input maxLength={10} data-testid="draft-basic-code" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="name" label={t('事项名称', 'Name')} rules={required}>
                <Input maxLength={200} data-testid="draft-name" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="kindCode" label={t('事项类型', 'Item kind')} rules={required}>
                <Select options={optionsOf(ITEM_KINDS, lang)} data-testid="draft-kind" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name={['department', 'name']} label={t('实施主体', 'Department')} rules={required}>
                <Input data-testid="draft-department" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name={['department', 'creditCode']} label={t('统一社会信用代码', 'Credit code')} rules={required}>
                <Input maxLength={18} data-testid="draft-credit-code" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="decisionLevel" label={t('决定层级', 'Decision level')} rules={required}>
                <Select options={optionsOf(DECISION_LEVELS, lang)} data-testid="draft-level" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="intakeLevels" label={t('受理层级', 'Intake levels')} rules={required}>
                <Select mode="multiple" options={optionsOf(DECISION_LEVELS, lang)} data-testid="draft-intake" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="caseType" label={t('办件类型', 'Case type')} rules={required}>
                <Select options={optionsOf(CASE_TYPES, lang)} data-testid="draft-case-type" />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5}>{t('时限与收费', 'Time limits and fee')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name={['legalTimeLimit', 'days']} label={t('法定时限（工作日）', 'Legal limit (working days)')} rules={required}>
                <InputNumber min={0} max={365} style={{ width: '100%' }} data-testid="draft-legal-days" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={8}>
              <Form.Item name={['legalTimeLimit', 'note']} label={t('法定时限说明', 'Legal limit note')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name={['committedTimeLimit', 'days']} label={t('承诺时限（工作日）', 'Committed limit (working days)')} rules={required}>
                <InputNumber min={0} max={365} style={{ width: '100%' }} data-testid="draft-committed-days" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={8}>
              <Form.Item name={['committedTimeLimit', 'note']} label={t('承诺时限说明', 'Committed limit note')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name={['fee', 'charged']} label={t('是否收费', 'Charged')} valuePropName="checked">
                <Switch data-testid="draft-charged" />
              </Form.Item>
            </Col>
            <Col xs={24} md={9} xl={10}>
              <Form.Item name={['fee', 'standard']} label={t('收费标准', 'Fee standard')} rules={charged ? required : []}>
                <Input disabled={!charged || !editor} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9} xl={10}>
              <Form.Item name={['fee', 'basis']} label={t('收费依据', 'Fee basis')} rules={charged ? required : []}>
                <Input disabled={!charged || !editor} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="specialProcedures" label={t('特别程序', 'Special procedures')}>
                <Select mode="multiple" allowClear options={optionsOf(SPECIAL_PROCEDURES, lang)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="maxVisits" label={t('到现场次数', 'Most visits in person')} rules={required}>
                <InputNumber min={0} max={5} style={{ width: '100%' }} data-testid="draft-visits" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="effectiveUntil" label={t('失效日期', 'Effective until')} extra={t('如 2030-12-31，可不填', 'e.g. 2030-12-31; optional')}>
                <Input placeholder="YYYY-MM-DD" />
              </Form.Item>
            </Col>
          </Row>

          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="conditionsText" label={t('受理条件（每行一条）', 'Conditions (one per line)')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="draft-conditions" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="legalBasisText" label={t('设定依据（每行一条）', 'Legal basis (one per line)')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="draft-basis" />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5}>{t('申请材料', 'Materials')}</Typography.Title>
          <Form.Item name="noMaterialsRequired" valuePropName="checked" label={t('无需申请材料', 'No materials required')}>
            <Switch />
          </Form.Item>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <div data-testid="draft-materials">
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top" style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}>
                    <Col xs={24} md={12} xl={5}>
                      <Form.Item name={[f.name, 'name']} label={i === 0 ? t('材料名称', 'Material') : undefined} rules={required}>
                        <Input placeholder={t('材料名称', 'Material')} data-testid={`draft-material-name-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12} xl={3}>
                      <Form.Item name={[f.name, 'issuer']} label={i === 0 ? t('出具机构', 'Issuer') : undefined} rules={required}>
                        <Input placeholder={t('出具机构', 'Issuer')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8} xl={4}>
                      <Form.Item name={[f.name, 'forms']} label={i === 0 ? t('形式', 'Forms') : undefined} rules={required}>
                        <Select mode="multiple" options={optionsOf(MATERIAL_FORMS, lang)} placeholder={t('形式', 'Forms')} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={4} xl={2}>
                      <Form.Item name={[f.name, 'originals']} label={i === 0 ? t('原件份数', 'Originals') : undefined} rules={required}>
                        <InputNumber min={0} max={99} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={4} xl={2}>
                      <Form.Item name={[f.name, 'copies']} label={i === 0 ? t('复印件份数', 'Copies') : undefined} rules={required}>
                        <InputNumber min={0} max={99} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8} xl={3}>
                      <Form.Item name={[f.name, 'requirement']} label={i === 0 ? t('是否必备', 'Requirement') : undefined} rules={required}>
                        <Select options={optionsOf(MATERIAL_REQUIREMENTS, lang)} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={14} xl={4}>
                      <Form.Item name={[f.name, 'notes']} label={i === 0 ? t('备注（依情形提交的写明情形）', 'Notes (when, for a conditional one)') : undefined}>
                        <Input placeholder={t('备注', 'Notes')} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2} xl={1}>
                      <Form.Item label={i === 0 ? ' ' : undefined}>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除材料', 'Remove material')} data-testid={`draft-material-remove-${i}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                {editor && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ issuer: '申请人', forms: ['original'], originals: 1, copies: 0, requirement: 'required' })} data-testid="draft-material-add">
                    {t('添加材料', 'Add a material')}
                  </Button>
                )}
              </div>
            )}
          </Form.List>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('办理流程', 'Process steps')}
          </Typography.Title>
          <Form.List name="processSteps">
            {(fields, { add, remove }) => (
              <div data-testid="draft-steps">
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col xs={24} md={6} xl={4}>
                      <Form.Item name={[f.name, 'name']} rules={required}>
                        <Input placeholder={t('环节名称', 'Step')} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={16} xl={19}>
                      <Form.Item name={[f.name, 'description']}>
                        <Input placeholder={t('环节说明', 'Description')} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2} xl={1}>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除环节', 'Remove step')} />
                    </Col>
                  </Row>
                ))}
                {editor && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                    {t('添加环节', 'Add a step')}
                  </Button>
                )}
              </div>
            )}
          </Form.List>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('办理方式', 'Where and how')}
          </Typography.Title>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="onlineAvailable" valuePropName="checked" label={t('是否网办', 'Online')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="channels" label={t('办理形式', 'Channels')} rules={required}>
                <Select mode="multiple" options={optionsOf(CHANNELS, lang)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="servedParties" label={t('服务对象', 'Served parties')} rules={required}>
                <Select mode="multiple" options={optionsOf(SERVED_PARTIES, lang)} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={16}>
              <Form.Item name="place" label={t('办理地点', 'Place')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="hours" label={t('办理时间', 'Hours')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="enquiryPhone" label={t('咨询电话', 'Enquiry phone')} rules={required}>
                <Input data-testid="draft-enquiry-phone" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="complaintPhone" label={t('监督投诉电话', 'Complaint phone')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="keywords" label={t('关键词', 'Keywords')}>
                <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5}>{t('常见问题', 'FAQ')}</Typography.Title>
          <Form.List name="faq">
            {(fields, { add, remove }) => (
              <div>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'question']} rules={required}>
                        <Input placeholder={t('问题', 'Question')} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={14} xl={15}>
                      <Form.Item name={[f.name, 'answer']} rules={required}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('解答', 'Answer')} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2} xl={1}>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除问题', 'Remove question')} />
                    </Col>
                  </Row>
                ))}
                {editor && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ question: '', answer: '' })}>
                    {t('添加问题', 'Add a question')}
                  </Button>
                )}
              </div>
            )}
          </Form.List>
          {editor && (
            <div style={{ marginTop: 24, textAlign: 'right' }}>
              <Button type="primary" loading={saving} onClick={save} data-testid="draft-save-bottom">
                {t('保存草稿', 'Save draft')}
              </Button>
            </div>
          )}
        </Card>
      </Form>
    </Spin>
  );
}
