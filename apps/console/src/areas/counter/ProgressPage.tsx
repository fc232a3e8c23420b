import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { date, dateTime, isCaseNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import type { Progress } from './types';
import './counter.css';

const OUTCOME_ZH: Record<string, string> = { approved: '准予', denied: '不予批准', not_accepted: '不予受理', withdrawn: '已撤回' };
const OUTCOME_EN: Record<string, string> = { approved: 'approved', denied: 'denied', not_accepted: 'not accepted', withdrawn: 'withdrawn' };

/** 办件进度查询: a citizen looks a case up with its number and the last six characters of the ID it was made with. */
export function ProgressPage() {
  const { lang, setLang, t } = useLang();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const look = async (v: { number: string; idTail: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<Progress>(`/public/cases/${encodeURIComponent(v.number.trim().toUpperCase())}/progress`, { anonymous: true, query: { idTail: v.idTail.trim().toUpperCase() } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : t('无法连接服务中心，请稍后再试', 'The centre cannot be reached; try again later'));
    } finally {
      setBusy(false);
    }
  };

  const big = { fontSize: 22, height: 56 };
  return (
    <div className="tb-applicant-screen" style={{ alignItems: 'flex-start', paddingTop: 48 }}>
      <Card style={{ width: '100%', maxWidth: 760 }} styles={{ body: { padding: '32px 40px' } }}>
        <Typography.Title level={2} style={{ color: '#c0392b', marginTop: 0 }}>
          {t('办件进度查询', 'Case progress')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
          {t('请输入受理通知书或一次性告知书上的办件编号，以及申请时所用证件号码的后六位。', 'Enter the case number on your acceptance or one-time notice, and the last six characters of the ID you applied with.')}
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={look} requiredMark={false} size="large">
          <Form.Item
            name="number"
            label={<span style={{ fontSize: 18 }}>{t('办件编号（27位）', 'Case number (27 characters)')}</span>}
            rules={[
              { required: true, message: t('请输入办件编号', 'Enter the case number') },
              { validator: (_, v: string | undefined) => (!v || isCaseNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('办件编号为26位数字加1位校验位（数字或X）', 'A case number is 26 digits and a check character (a digit or X)')))) },
            ]}
          >
            <Input style={{ ...big, fontFamily: 'monospace' }} maxLength={27} inputMode="numeric" autoComplete="off" data-testid="progress-number" />
          </Form.Item>
          <Form.Item
            name="idTail"
            label={<span style={{ fontSize: 18 }}>{t('证件号码后六位', 'Last six characters of the ID')}</span>}
            rules={[
              { required: true, message: t('请输入证件号码后六位', 'Enter the last six characters of the ID') },
              { pattern: /^[0-9A-Za-z]{6}$/, message: t('请输入6位数字或字母', 'Six digits or letters') },
            ]}
          >
            <Input style={{ ...big, width: 220, fontFamily: 'monospace' }} maxLength={6} autoComplete="off" data-testid="progress-id" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} style={{ ...big, minWidth: 200 }} data-testid="progress-submit">
            {t('查询', 'Look up')}
          </Button>
        </Form>

        {error && <Alert style={{ marginTop: 24, fontSize: 18 }} type="error" showIcon title={error} data-testid="progress-error" />}
        {result && (
          <div data-testid="progress-result" style={{ marginTop: 24 }}>
            <Typography.Title level={3} style={{ marginBottom: 8 }}>
              <Tag color="blue" style={{ fontSize: 20, padding: '4px 12px' }} data-testid="progress-status" data-status={result.status.code}>
                {lang === 'zh' ? result.status.zh : result.status.en}
              </Tag>
              {result.outcome && (
                <Tag color={result.outcome === 'approved' ? 'green' : 'red'} style={{ fontSize: 20, padding: '4px 12px' }}>
                  {(lang === 'zh' ? OUTCOME_ZH : OUTCOME_EN)[result.outcome] ?? result.outcome}
                </Tag>
              )}
            </Typography.Title>
            <Descriptions column={1} bordered size="middle" styles={{ label: { width: 160, fontSize: 16 }, content: { fontSize: 16 } }}>
              <Descriptions.Item label={t('办件编号', 'Case number')}>{result.caseNumber}</Descriptions.Item>
              <Descriptions.Item label={t('办理事项', 'Matter')}>{result.itemName}</Descriptions.Item>
              <Descriptions.Item label={t('收件时间', 'Received')}>{dateTime(result.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('受理时间', 'Accepted')}>{dateTime(result.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('承诺办结日期', 'Due by')}>{date(result.dueDate)}</Descriptions.Item>
              <Descriptions.Item label={t('办结时间', 'Decided')}>{dateTime(result.decidedAt)}</Descriptions.Item>
            </Descriptions>
            {result.missingMaterials.length > 0 && (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                title={<span style={{ fontSize: 18 }}>{t('请补齐以下材料后到窗口办理', 'Bring these to the counter')}</span>}
                description={
                  <ol style={{ margin: 0, paddingLeft: 22, fontSize: 16 }} data-testid="progress-missing">
                    {result.missingMaterials.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ol>
                }
              />
            )}
            {result.correctionItems.length > 0 && (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                title={<span style={{ fontSize: 18 }}>{t('请按补正通知补正以下内容', 'Correct these, as the correction notice asks')}</span>}
                description={
                  <ol style={{ margin: 0, paddingLeft: 22, fontSize: 16 }}>
                    {result.correctionItems.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ol>
                }
              />
            )}
          </div>
        )}
        <div style={{ marginTop: 32, display: 'flex', justifyContent: 'space-between' }}>
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/sign-in')}>
            {t('工作人员登录', 'Staff sign-in')}
          </Button>
          <Button type="link" style={{ padding: 0 }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </div>
      </Card>
    </div>
  );
}
