import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CaseView } from '../../components/case/CaseView';
import type { CaseDetail } from '../../components/case/types';
import { DocumentList } from '../../components/DocumentList';
import { api, ApiError } from '../../lib/api';
import { date } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { availableActions, CaseActions, kindLabel } from './CaseActions';
import { actorName, isLicence } from './cases';

/** A case at the county hall (or the city's approval section): the shared case view with what may be done next. */
export function CaseDetailPage() {
  const { caseNumber = '' } = useParams();
  const { lang, t } = useLang();
  const { me, has } = useSession();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDetail(await api<CaseDetail>(`/cases/${encodeURIComponent(caseNumber)}`));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  }, [caseNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/county/inbox')}>
      {t('返回待办', 'Back to the inbox')}
    </Button>
  );

  if (error && !detail) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('本节点没有这个办件', 'No such case here') : t('办件读取失败', 'The case could not be read')}
        subTitle={error instanceof ApiError ? error.text(lang) : error.message}
        extra={back}
      />
    );
  }
  if (!detail) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const here = me!.node;
  const works = has('county_operator', 'city_approver');
  const actions = availableActions(detail, here, works);
  const handlerName = actorName(detail, detail.handler);
  const reviewerName = actorName(detail, detail.reviewer);
  const licence = isLicence(detail.item.code);
  const deciding = detail.status.code === 'under_review';
  const result = detail.result as { resultName?: string; resultNumber?: string; validUntil?: string; reason?: string; legalBasis?: string; by?: { name?: string } } | null;

  const notices: ReactNode[] = [];
  if (!works) notices.push(<Alert key="ro" type="info" showIcon title={t('您的岗位只能查看办件，不能办理', 'Your post reads cases; it does not work them')} />);
  else if (detail.holder !== here)
    notices.push(<Alert key="holder" type="info" showIcon title={t(`本件现由${nameOf(detail.holder)}承办，本节点只能查看`, `${nameOf(detail.holder)} holds this case now; it is read-only here`)} />);
  else if (detail.inTransit) notices.push(<Alert key="transit" type="info" showIcon title={t('办件传递中，签收后才能办理', 'The case is travelling; it can be worked once acknowledged')} />);
  if (works && actions.length > 0 && detail.handler && detail.handler !== me!.id) {
    notices.push(
      <Alert
        key="handler"
        type="info"
        showIcon
        data-testid="handler-notice"
        title={t(`本件由 ${handlerName} 承办：只有承办人或其 AB 岗备岗人员可以办理，系统办理时核对`, `${handlerName} works this case: only they or their A/B backup may act on it (checked when you act)`)}
      />,
    );
  }
  if (works && deciding && licence && detail.reviewer && detail.reviewer !== me!.id && detail.holder === here) {
    notices.push(
      <Alert
        key="decide"
        type="success"
        showIcon
        data-testid="decide-notice"
        title={t(`一审一核：本件已由 ${reviewerName} 审查，可由您作出准予或不予批准的决定`, `One reviews, another decides: ${reviewerName} reviewed it; you may approve or deny it`)}
      />,
    );
  }
  if (works && deciding && licence && detail.reviewer === me!.id) {
    notices.push(
      <Alert
        key="review"
        type="warning"
        showIcon
        data-testid="review-notice"
        title={t('一审一核：您是本件的审查人，准予或不予批准须由另一名工作人员决定', 'One reviews, another decides (一审一核): you reviewed this case; another operator must approve or deny it')}
      />,
    );
  }
  if (detail.status.code === 'awaiting_correction') {
    notices.push(<Alert key="corr" type="info" showIcon title={t('等待申请人补正：补正材料由收件窗口接收后，办件回到审查并恢复计时', 'Waiting for the correction: the intake counter takes it in, then the review resumes and the clock runs again')} />);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {back}
        <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} data-testid="case-reload">
          {t('刷新', 'Reload')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error instanceof ApiError ? error.text(lang) : error.message} />}
      {notices}
      <Card size="small" title={t('办理', 'Handling')} data-testid="case-handling">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('承办人', 'Handler')}>{handlerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('审查人', 'Reviewer')}>
            <span data-testid="case-reviewer">{reviewerName ?? '—'}</span>
            {licence && (
              <Tag style={{ marginLeft: 6 }} color="purple">
                {t('行政许可 · 一审一核', 'licence · 一审一核')}
              </Tag>
            )}
          </Descriptions.Item>
          {detail.specialProcedure && <Descriptions.Item label={t('特别程序', 'Special procedure')}>{kindLabel(detail.specialProcedure, lang)}</Descriptions.Item>}
          {result?.resultName && (
            <Descriptions.Item label={t('结果证照', 'Result')}>
              {result.resultName} {result.resultNumber}
              {result.validUntil ? t(`（有效期至 ${date(result.validUntil)}）`, ` (valid until ${date(result.validUntil)})`) : ''}
            </Descriptions.Item>
          )}
          {result?.reason && <Descriptions.Item label={t('理由', 'Reason')}>{result.reason}</Descriptions.Item>}
          {result?.legalBasis && <Descriptions.Item label={t('法律依据', 'Legal basis')}>{result.legalBasis}</Descriptions.Item>}
          {result?.by?.name && (
            <Descriptions.Item label={t('决定人', 'Decided by')}>
              <span data-testid="case-decider">{result.by.name}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <CaseView detail={detail} actions={actions.length > 0 ? <CaseActions detail={detail} onDone={() => void load()} /> : undefined} documents={<DocumentList caseNumber={detail.caseNumber} documents={detail.documents} />} />
    </Space>
  );
}
