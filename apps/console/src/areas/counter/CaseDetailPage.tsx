import { ArrowLeftOutlined, LikeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CaseView } from '../../components/case/CaseView';
import type { CaseDetail } from '../../components/case/types';
import { DocumentList } from '../../components/DocumentList';
import { api, ApiError } from '../../lib/api';
import { date, dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { CounterActions, DELIVERY_METHODS } from './CounterActions';

/** How often the counter looks whether the applicant has rated. */
const RATING_POLL_MS = 2500;
/** The rating screen's window: one named window, so a tablet or second screen keeps showing it. */
export const RATING_WINDOW = 'tongban-rating';

const OUTCOME_ZH: Record<string, string> = { approved: '准予', denied: '不予批准', not_accepted: '不予受理', withdrawn: '已撤回' };

/** Opens the rating screen for a ticket in the named second window, cut off from this one. */
function openRatingScreen(ticket: string): boolean {
  const w = window.open(`#/rate/${ticket}`, RATING_WINDOW);
  if (!w) return false;
  try {
    w.opener = null;
  } catch {
    /* another origin: nothing to cut */
  }
  return true;
}

/** The decision, the delivery and the rating, once there are any. */
function Outcome({ c }: { c: CaseDetail }) {
  const { lang, t } = useLang();
  const { nameOf } = useNetwork();
  const r = c.result as Record<string, string | undefined> | null;
  const d = c.delivery as Record<string, string | undefined> | null;
  const g = c.rating as Record<string, string | boolean | undefined> | null;
  if (!r && !d && !g) return null;
  const method = DELIVERY_METHODS.find((m) => m.code === d?.method);
  return (
    <Card size="small" title={t('办理结果', 'Outcome')} data-testid="case-outcome">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        {r && (
          <Descriptions.Item label={t('决定', 'Decision')}>
            <Tag color={r.outcome === 'approved' ? 'green' : 'red'}>{lang === 'zh' ? (OUTCOME_ZH[r.outcome ?? ''] ?? r.outcome) : r.outcome?.replace('_', ' ')}</Tag>
            {r.resultName && `${r.resultName} ${r.resultNumber ?? ''}`}
            {r.validUntil && t(`（有效期至 ${date(r.validUntil)}）`, ` (valid until ${date(r.validUntil)})`)}
            {r.reason && `${t('理由：', 'Reason: ')}${r.reason}`}
          </Descriptions.Item>
        )}
        {r && <Descriptions.Item label={t('决定时间', 'Decided')}>{dateTime(r.decidedAt)}</Descriptions.Item>}
        {r && <Descriptions.Item label={t('决定节点', 'Decided by')}>{nameOf(c.decidingNode)}</Descriptions.Item>}
        {d && (
          <Descriptions.Item label={t('送达', 'Delivery')}>
            {method ? (lang === 'zh' ? method.zh : method.en) : d.method} · {dateTime(d.at)} · {t('签收人', 'signed by')} {d.recipient}
          </Descriptions.Item>
        )}
        {g && (
          <Descriptions.Item label={t('评价', 'Rating')}>
            <span data-testid="case-rating" data-level={String(g.level)}>
              {lang === 'zh' ? g.labelZh : g.labelEn}
              {g.givenBy === 'applicant' && <Tag style={{ marginLeft: 6 }}>{t('申请人在评价器上评价', 'given on the rating screen')}</Tag>}
              {g.comment && `：${String(g.comment)}`}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** A case at the counter: what it is, where it stands, and what the counter may do next. */
export function CaseDetailPage() {
  const { caseNumber = '' } = useParams();
  const { lang, t } = useLang();
  const { node, has } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [ticket, setTicket] = useState<{ ticket: string; expiresAt: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const waitedFor = useRef<string | null>(null);

  const load = useCallback(async () => {
    try {
      const d = await api<CaseDetail>(`/cases/${encodeURIComponent(caseNumber)}`);
      setC(d);
      setError(null);
      return d;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接本节点', 'The node cannot be reached'));
      return null;
    } finally {
      setLoading(false);
    }
  }, [caseNumber]);

  useEffect(() => {
    setLoading(true);
    setTicket(null);
    void load();
  }, [load]);

  // 等待评价: look at the case until the applicant has rated (or the ticket has run out).
  useEffect(() => {
    if (!ticket) return;
    const id = setInterval(() => {
      if (Date.parse(ticket.expiresAt) < Date.now()) {
        setTicket(null);
        return;
      }
      void load();
    }, RATING_POLL_MS);
    return () => clearInterval(id);
  }, [ticket, load]);

  useEffect(() => {
    if (ticket && c?.status.code === 'rated' && waitedFor.current !== c.caseNumber) {
      waitedFor.current = c.caseNumber;
      setTicket(null);
      const g = c.rating as { labelZh?: string; labelEn?: string } | null;
      message.success(t(`已收到申请人评价：${g?.labelZh ?? ''}`, `The applicant rated: ${g?.labelEn ?? ''}`));
    }
  }, [c, ticket, message, t]);

  const askForRating = async () => {
    setAsking(true);
    try {
      const tk = await api<{ ticket: string; expiresAt: string }>(`/cases/${encodeURIComponent(caseNumber)}/rating-ticket`, { method: 'POST' });
      waitedFor.current = null;
      setTicket(tk);
      if (!openRatingScreen(tk.ticket)) message.warning(t('浏览器拦截了评价器窗口，请允许本站弹出窗口后点“重新打开评价器”', 'The browser blocked the rating window; allow pop-ups and reopen it'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setAsking(false);
    }
  };

  if (loading && !c) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!c) {
    return (
      <Result
        status="404"
        title={error?.text(lang) ?? t('未找到办件', 'No such case')}
        extra={
          <Button onClick={() => navigate('/counter/cases')} icon={<ArrowLeftOutlined />}>
            {t('返回办件列表', 'Back to the cases')}
          </Button>
        }
      />
    );
  }

  const here = node?.code ?? '';
  const clerk = has('township_clerk');
  const rateButton =
    clerk && c.status.code === 'delivered' && c.holder === here ? (
      <Button type="primary" icon={<LikeOutlined />} loading={asking} onClick={askForRating} data-testid="request-rating">
        {ticket ? t('重新生成评价码', 'New rating ticket') : t('请评价', 'Ask for rating')}
      </Button>
    ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('返回', 'Back')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('刷新', 'Reload')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon closable title={error.text(lang)} />}
      {ticket && c.status.code === 'delivered' && (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          data-testid="rating-waiting"
          title={t('等待评价…', 'Waiting for the rating…')}
          description={t(`请申请人在评价器上选择满意程度。评价码 ${dateTime(ticket.expiresAt)} 前有效。`, `The applicant rates on the rating screen. The ticket is valid until ${dateTime(ticket.expiresAt)}.`)}
          action={
            <Space orientation="vertical">
              <Button size="small" onClick={() => openRatingScreen(ticket.ticket) || message.warning(t('浏览器拦截了评价器窗口', 'The browser blocked the rating window'))} data-testid="rating-reopen">
                {t('重新打开评价器', 'Reopen the screen')}
              </Button>
              <Button size="small" type="text" onClick={() => setTicket(null)}>
                {t('停止等待', 'Stop waiting')}
              </Button>
            </Space>
          }
        />
      )}
      <CaseView
        detail={c}
        actions={clerk ? <CounterActions c={c} here={here} extra={rateButton} onDone={() => void load()} /> : undefined}
        documents={<DocumentList caseNumber={c.caseNumber} documents={c.documents} />}
      />
      <Outcome c={c} />
    </Space>
  );
}
