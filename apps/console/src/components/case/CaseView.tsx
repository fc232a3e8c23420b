import { Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { dateTime, date, LIGHT_COLOR, type Light } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import type { CaseDetail, MaterialMissing, TimeLimit } from './types';

/** A coloured dot and the light's words; 'none' before the clock starts. */
export function LightTag({ light, testId }: { light: { code: string; labelZh: string; labelEn: string } | null | undefined; testId?: string }) {
  const { lang, t } = useLang();
  const code = (light?.code ?? 'none') as Light;
  return (
    <span data-testid={testId} data-light={code}>
      <span className="tb-light" style={{ background: LIGHT_COLOR[code] }} />
      {light ? (lang === 'zh' ? light.labelZh : light.labelEn) : t('未计时', 'no clock')}
    </span>
  );
}

const REASON_ZH: Record<MaterialMissing['reason'], string> = { absent: '未提交', too_few_originals: '原件份数不足', too_few_copies: '复印件份数不足' };
const REASON_EN: Record<MaterialMissing['reason'], string> = { absent: 'not brought', too_few_originals: 'too few originals', too_few_copies: 'too few copies' };

/** The time limit as staff read it: light, deadline, days used and left, pauses and extensions. */
export function TimeLimitPanel({ tl }: { tl: TimeLimit }) {
  const { t } = useLang();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} bordered>
      <Descriptions.Item label={t('办理时限灯', 'Light')}>
        {tl.stopped ? (
          <Tag color={tl.overdueDays > 0 ? 'red' : 'green'} data-testid="case-light" data-light="none" data-stopped="true">
            {tl.overdueDays > 0 ? t('超期办结', 'Closed late') : t('按时办结', 'Closed in time')}
          </Tag>
        ) : (
          <LightTag light={tl.light} testId="case-light" />
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('办结期限', 'Deadline')}>{tl.deadline ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('承诺时限', 'Committed limit')}>{tl.committedDays === null ? '—' : t(`${tl.committedDays} 个工作日`, `${tl.committedDays} working days`)}</Descriptions.Item>
      <Descriptions.Item label={tl.stopped ? t('用时', 'Used') : t('已用 / 剩余', 'Used / left')}>
        {tl.usedDays === null
          ? '—'
          : tl.stopped
            ? t(`用时 ${tl.usedDays} 个工作日`, `${tl.usedDays} working days used`)
            : t(`已用 ${tl.usedDays} 日，剩余 ${tl.remainingDays} 日`, `${tl.usedDays} used, ${tl.remainingDays} left`)}
        {tl.overdueDays > 0 && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {t(`超期 ${tl.overdueDays} 个工作日`, `${tl.overdueDays} working days overdue`)}
          </Tag>
        )}
      </Descriptions.Item>
      {(tl.paused || tl.pausedDays > 0) && <Descriptions.Item label={t('暂停（不计时）', 'Paused (not counted)')}>{t(`${tl.pausedDays} 日${tl.paused ? '，暂停中' : ''}`, `${tl.pausedDays} days${tl.paused ? ', paused now' : ''}`)}</Descriptions.Item>}
      {tl.extensionDays > 0 && <Descriptions.Item label={t('延长审批', 'Extended')}>{t(`${tl.extensionDays} 个工作日`, `${tl.extensionDays} working days`)}</Descriptions.Item>}
      {tl.stepLight && (
        <Descriptions.Item label={t('当前环节', 'Current step')}>
          <LightTag light={tl.stepLight} /> {tl.stepDeadline ? t(`环节期限 ${date(tl.stepDeadline)}`, `step due ${date(tl.stepDeadline)}`) : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** What happened to the case, step by step, at which centre and by whom. */
export function CaseTimeline({ steps }: { steps: CaseDetail['timeline'] }) {
  const { lang } = useLang();
  const { nameOf } = useNetwork();
  if (steps.length === 0) return <Empty />;
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={steps.map((s) => ({
          key: s.id,
          content: (
            <div data-testid="timeline-step" data-action={s.action.code}>
              <Typography.Text strong>{lang === 'zh' ? s.action.zh : s.action.en}</Typography.Text>
              {s.statusAfter && <Tag style={{ marginLeft: 8 }}>{lang === 'zh' ? s.statusAfter.zh : s.statusAfter.en}</Tag>}
              <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                {dateTime(s.at)} · {nameOf(s.node)} · {s.actor.name}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}

/** The materials brought against the checklist, and what is missing. */
export function MaterialsPanel({ detail }: { detail: CaseDetail }) {
  const { lang, t } = useLang();
  const m = detail.materials;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={m.brought}
        columns={[
          { title: t('已收材料', 'Brought'), dataIndex: 'name' },
          { title: t('原件', 'Originals'), dataIndex: 'originals', width: 80 },
          { title: t('复印件', 'Copies'), dataIndex: 'copies', width: 80 },
          { title: t('电子件', 'Electronic'), dataIndex: 'electronic', width: 80, render: (v: boolean | undefined) => (v ? '✓' : '') },
        ]}
      />
      {m.missing.length > 0 && (
        <Card size="small" title={t('缺少的材料', 'Missing')} data-testid="missing-materials">
          {m.missing.map((x) => (
            <div key={x.name}>
              <Tag color="orange">{lang === 'zh' ? REASON_ZH[x.reason] : REASON_EN[x.reason]}</Tag>
              {x.name}
              <Typography.Text type="secondary">{t(`（需原件 ${x.originals} 份，复印件 ${x.copies} 份）`, ` (originals ${x.originals}, copies ${x.copies})`)}</Typography.Text>
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}

/**
 * A case as every tier shows it: who and what, the time limit, the materials, the timeline; `actions` is the
 * tier's buttons for what may be done next, `documents` its printable documents.
 */
export function CaseView({ detail, actions, documents }: { detail: CaseDetail; actions?: ReactNode; documents?: ReactNode }) {
  const { lang, t } = useLang();
  const { nameOf } = useNetwork();
  const a = detail.applicant;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-view">
      <Card
        title={
          <Space wrap>
            <span data-testid="case-number">{detail.caseNumber}</span>
            <Tag color="blue" data-testid="case-status" data-status={detail.status.code}>
              {lang === 'zh' ? detail.status.zh : detail.status.en}
            </Tag>
            {detail.withdrawalRequested && <Tag color="orange">{t('申请撤回中', 'Withdrawal requested')}</Tag>}
          </Space>
        }
        extra={actions}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('事项', 'Matter')}>
            {detail.item.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {detail.item.code}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('申请人', 'Applicant')}>
            {a.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {a.idNumber}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('联系电话', 'Phone')}>{a.phone}</Descriptions.Item>
          <Descriptions.Item label={t('收件节点', 'Intake')}>{nameOf(detail.intakeNode)}</Descriptions.Item>
          <Descriptions.Item label={t('审批节点', 'Deciding')}>{nameOf(detail.decidingNode)}</Descriptions.Item>
          <Descriptions.Item label={t('当前承办', 'Held by')}>
            {nameOf(detail.holder)}
            {detail.inTransit && <Tag style={{ marginLeft: 6 }}>{t('传递中', 'in transit')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('收件时间', 'Received')}>{dateTime(detail.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('受理时间', 'Accepted')}>{dateTime(detail.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('办结时间', 'Decided')}>{dateTime(detail.decidedAt)}</Descriptions.Item>
          {detail.oneTimeNotice && <Descriptions.Item label={t('一次性告知', 'One-time notice')}>{detail.oneTimeNotice.join('、')}</Descriptions.Item>}
          {detail.correction && <Descriptions.Item label={t('补正内容', 'Correction')}>{detail.correction.join('、')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('办理时限', 'Time limit')}>
        <TimeLimitPanel tl={detail.timeLimit} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('申请材料', 'Materials')}>
            <MaterialsPanel detail={detail} />
          </Card>
          {documents && (
            <Card size="small" title={t('文书', 'Documents')} style={{ marginTop: 16 }}>
              {documents}
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('办理过程', 'Timeline')}>
            <CaseTimeline steps={detail.timeline} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
