import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { errorText } from './common';
import { EChart } from './EChart';
import { WEIGHT_KEYS, type WeightKey, type Weights, type WeightsVersion } from './types';

/** The index parts (libs/assessment WEIGHT_PARTS). */
export const WEIGHT_LABEL: Record<WeightKey, { zh: string; en: string }> = {
  onTime: { zh: '按时办结率', en: 'decided on time' },
  speed: { zh: '提速', en: 'speed' },
  satisfaction: { zh: '群众满意度', en: 'satisfaction' },
  supervision: { zh: '督办响应', en: 'supervision orders answered' },
  rectification: { zh: '整改及时率', en: 'rectifications in time' },
  complaints: { zh: '有效投诉', en: 'complaints upheld' },
};

/** 考核权重: the version in force, every earlier one (who, when, why), and the coordinator's form for a new one. */
export function WeightsPage() {
  const { lang, t } = useLang();
  const { has } = useSession();
  const { message } = App.useApp();
  const [data, setData] = useState<{ current: WeightsVersion; history: WeightsVersion[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Weights & { reason: string }>();
  const values = Form.useWatch([], form) as Partial<Weights> | undefined;
  const sum = WEIGHT_KEYS.reduce((n, k) => n + (Number(values?.[k]) || 0), 0);

  const load = useCallback(async () => {
    setError(null);
    try {
      const d = await api<{ current: WeightsVersion; history: WeightsVersion[] }>('/assessment/weights');
      setData(d);
      form.setFieldsValue({ ...d.current.weights, reason: '' });
    } catch (e) {
      setError(errorText(e, lang));
    }
  }, [lang, form]);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (v: Weights & { reason: string }) => {
    setBusy(true);
    setFormError(null);
    try {
      const weights = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, v[k]])) as Weights;
      const saved = await api<WeightsVersion>('/assessment/weights', { body: { weights, reason: v.reason.trim() } });
      message.success(t(`已记录第 ${saved.version} 版权重，未关账的月份将按新权重计算`, `Weights v${saved.version} recorded; months not yet closed use them`));
      await load();
    } catch (e) {
      setFormError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const label = (k: WeightKey) => (lang === 'zh' ? WEIGHT_LABEL[k].zh : WEIGHT_LABEL[k].en);
  const cur = data?.current;
  const option = cur
    ? {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 110, right: 40, top: 10, bottom: 20 },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: WEIGHT_KEYS.map(label) },
        series: [{ type: 'bar', data: WEIGHT_KEYS.map((k) => cur.weights[k]), itemStyle: { color: '#c0392b' }, barMaxWidth: 22, label: { show: true, position: 'right', formatter: '{c}%' } }],
      }
    : {};

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin />}
      {cur && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t(`现行权重：第 ${cur.version} 版`, `Weights in force: v${cur.version}`)} data-testid="weights-current" style={{ height: '100%' }}>
              <EChart option={option} style={{ height: 230 }} testId="weights-chart" />
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('修改人', 'Changed by')}>{cur.changedByName}</Descriptions.Item>
                <Descriptions.Item label={t('修改时间', 'Changed')}>{dateTime(cur.changedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('理由', 'Reason')}>{cur.reason}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          {has('city_coordinator') && (
            <Col xs={24} xl={12}>
              <Card size="small" title={t('记录新权重', 'Record new weights')} style={{ height: '100%' }}>
                {formError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={formError} data-testid="weights-error" />}
                <Form form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} onFinish={submit} data-testid="weights-form">
                  {WEIGHT_KEYS.map((k) => (
                    <Form.Item key={k} name={k} label={label(k)} rules={[{ required: true, message: t('请填写', 'Required') }]} style={{ marginBottom: 8 }}>
                      <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 120 }} data-testid={`weights-${k}`} />
                    </Form.Item>
                  ))}
                  <Form.Item label={t('合计', 'Sum')} style={{ marginBottom: 8 }}>
                    <Tag color={sum === 100 ? 'green' : 'red'} data-testid="weights-sum">
                      {sum}%
                    </Tag>
                    {sum !== 100 && <Typography.Text type="danger">{t('各项合计须为 100', 'The parts must sum to 100')}</Typography.Text>}
                  </Form.Item>
                  <Form.Item name="reason" label={t('调整理由', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请填写调整理由', 'Give the reason') }, { min: 2, max: 500 }]}>
                    <Input.TextArea rows={2} maxLength={500} showCount data-testid="weights-reason" />
                  </Form.Item>
                  <Form.Item wrapperCol={{ offset: 9 }} style={{ marginBottom: 0 }}>
                    <Button type="primary" htmlType="submit" loading={busy} disabled={sum !== 100} data-testid="weights-submit">
                      {t('记录为新版本', 'Record as a new version')}
                    </Button>
                  </Form.Item>
                </Form>
              </Card>
            </Col>
          )}
        </Row>
      )}
      {data && (
        <Card size="small" title={t('历史版本', 'Every version')}>
          <Table<WeightsVersion>
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={data.history}
            scroll={{ x: true }}
            data-testid="weights-history"
            columns={[
              { title: t('版本', 'Version'), dataIndex: 'version', width: 70, render: (v: number) => (v === data.current.version ? <Tag color="red">v{v}</Tag> : `v${v}`) },
              ...WEIGHT_KEYS.map((k) => ({ title: label(k), key: k, width: 96, align: 'right' as const, render: (_: unknown, r: WeightsVersion) => `${r.weights[k]}%` })),
              { title: t('修改人', 'By'), dataIndex: 'changedByName', width: 120 },
              { title: t('时间', 'When'), dataIndex: 'changedAt', width: 140, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
              { title: t('理由', 'Reason'), dataIndex: 'reason', width: 220, ellipsis: true },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
