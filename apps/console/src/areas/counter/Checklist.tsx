import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { DecisionLevelTag, decidingCentre, printArea, requirementLabel } from './shared';
import type { ChecklistMaterial, MatterDetail } from './types';

/**
 * 一次性告知单: everything the applicant must bring for a matter, at once — each material with its
 * originals and copies, required or asked for in a stated circumstance — with the conditions, fees,
 * place, hours and time limits. Printable on its own through the browser (a clean layout).
 */
export function Checklist({ matter, extra }: { matter: MatterDetail; extra?: ReactNode }) {
  const { lang, t } = useLang();
  const { node } = useSession();
  const { nodes } = useNetwork();
  const decider = decidingCentre(nodes, node?.code, matter.decisionLevel.code) ?? (node && node.tier === matter.decisionLevel.code ? node : undefined);
  const m = matter;
  return (
    <Card
      className="tb-print-area"
      data-testid="checklist"
      title={
        <Space orientation="vertical" size={0}>
          <span style={{ fontSize: 18 }}>{lang === 'zh' ? m.checklist.title : `${m.name}: checklist (one-time notice)`}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {node?.name} · {m.code}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space className="tb-no-print">
          {extra}
          <Button icon={<PrinterOutlined />} onClick={printArea} data-testid="print-checklist">
            {t('打印告知单', 'Print checklist')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('实施部门', 'Department')}>{m.department}</Descriptions.Item>
        <Descriptions.Item label={t('事项类型', 'Kind')}>
          {m.kind.label} · {m.caseType.code === '1' ? t('即办件', 'on the spot') : t('承诺件', 'within a committed time')}
        </Descriptions.Item>
        <Descriptions.Item label={t('决定层级', 'Decided at')}>
          <DecisionLevelTag level={m.decisionLevel.code} />
          {decider && <Typography.Text>{t(`由${decider.name}决定`, `by ${decider.name}`)}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('办理时限', 'Time limit')}>
          {t(`法定 ${m.legalTimeLimit.days} 个工作日，承诺 ${m.committedTimeLimit.days} 个工作日`, `legal ${m.legalTimeLimit.days}, committed ${m.committedTimeLimit.days} working days`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('收费', 'Fees')}>
          {m.fee.charged ? (
            <span>
              {m.fee.standard}
              {m.fee.basis && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('依据：', 'Basis: ')}
                  {m.fee.basis}
                </Typography.Text>
              )}
            </span>
          ) : (
            t('不收费', 'Free of charge')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('到现场次数', 'Visits')}>{t(`最多跑 ${m.maxVisits} 次`, `at most ${m.maxVisits}`)}</Descriptions.Item>
        <Descriptions.Item label={t('办理地点', 'Place')}>{m.place}</Descriptions.Item>
        <Descriptions.Item label={t('办理时间', 'Hours')}>{m.hours}</Descriptions.Item>
        <Descriptions.Item label={t('咨询电话', 'Enquiries')}>{m.enquiryPhone}</Descriptions.Item>
        <Descriptions.Item label={t('投诉电话', 'Complaints')}>{m.complaintPhone}</Descriptions.Item>
      </Descriptions>

      {m.conditions.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('受理条件', 'Conditions')}</Typography.Text>
          <ol style={{ margin: '4px 0 0', paddingLeft: 22 }}>
            {m.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        </div>
      )}

      <Typography.Text strong style={{ display: 'block', marginTop: 12, marginBottom: 4 }}>
        {t(`申请材料（共 ${m.checklist.materials.length} 项，其中必备 ${m.checklist.required} 项）`, `Materials (${m.checklist.materials.length}, ${m.checklist.required} required)`)}
      </Typography.Text>
      <Table<ChecklistMaterial>
        size="small"
        rowKey="no"
        pagination={false}
        dataSource={m.checklist.materials}
        scroll={{ x: true }}
        data-testid="checklist-materials"
        columns={[
          { title: t('序号', 'No.'), dataIndex: 'no', width: 48 },
          {
            title: t('材料名称', 'Material'),
            dataIndex: 'name',
            width: 220,
            render: (name: string, r) => (
              <div>
                <div>{name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('来源：', 'From: ')}
                  {r.issuer}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('原件', 'Originals'), dataIndex: 'originals', width: 56, align: 'center' },
          { title: t('复印件', 'Copies'), dataIndex: 'copies', width: 64, align: 'center' },
          { title: t('形式', 'Form'), key: 'forms', width: 90, render: (_, r) => r.forms.map((f) => f.label).join('、') },
          {
            title: t('要求', 'Needed'),
            key: 'requirement',
            width: 170,
            render: (_, r) =>
              r.requirement.code === 'conditional' ? (
                <div>
                  <Tag color="orange">{requirementLabel('conditional', lang)}</Tag>
                  {r.notes && <div style={{ fontSize: 12 }}>{r.notes}</div>}
                </div>
              ) : (
                <div>
                  <Tag color="red">{requirementLabel('required', lang)}</Tag>
                  {r.notes && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {r.notes}
                    </Typography.Text>
                  )}
                </div>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {lang === 'zh' ? m.checklist.notice : m.checklist.noticeEn}
      </Typography.Paragraph>
      {m.localNotes && <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }}>{t(`本地说明：${m.localNotes}`, `Local note: ${m.localNotes}`)}</Typography.Paragraph>}
    </Card>
  );
}
