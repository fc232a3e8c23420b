import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Result, Row, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, saveTokens } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import type { RatingScreenData } from './types';
import './counter.css';

const FACES: Record<string, { icon: ReactNode; color: string }> = {
  '1': { icon: <SmileOutlined />, color: '#389e0d' },
  '2': { icon: <SmileOutlined />, color: '#7cb305' },
  '3': { icon: <MehOutlined />, color: '#d48806' },
  '4': { icon: <FrownOutlined />, color: '#d4380d' },
  '5': { icon: <FrownOutlined />, color: '#cf1322' },
};

/** The rating screen for one ticket: five levels, an optional comment, then thanks and nothing else. */
function Rate({ ticket }: { ticket: string }) {
  const { lang, t } = useLang();
  const [screen, setScreen] = useState<RatingScreenData | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    let live = true;
    api<RatingScreenData>(`/public/rating/${encodeURIComponent(ticket)}`, { anonymous: true })
      .then((s) => live && setScreen(s))
      .catch((e: unknown) => live && setRefused(e instanceof ApiError ? e.text(lang) : t('无法连接服务中心，请稍后再试', 'The centre cannot be reached; try again later')));
    return () => {
      live = false;
    };
  }, [ticket, lang, t]);

  const rate = async (level: string) => {
    setSending(level);
    setError(null);
    try {
      await api(`/public/rating/${encodeURIComponent(ticket)}`, { method: 'POST', anonymous: true, body: { level, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATING_TICKET_INVALID') setRefused(e.text(lang));
      else setError(e instanceof ApiError ? e.text(lang) : t('提交失败，请再点一次', 'Not sent; tap again'));
    } finally {
      setSending(null);
    }
  };

  if (done) {
    return (
      <Result
        status="success"
        data-testid="rating-done"
        title={<span style={{ fontSize: 40 }}>{t('谢谢您的评价', 'Thank you for your rating')}</span>}
      />
    );
  }
  if (refused) return <Result status="warning" data-testid="rating-invalid" title={<span style={{ fontSize: 26 }}>{refused}</span>} />;
  if (!screen) return <Spin size="large" />;

  return (
    <Card style={{ width: '100%', maxWidth: 1080 }} styles={{ body: { padding: '32px 40px' } }} data-testid="rating-screen">
      <Typography.Title level={2} style={{ textAlign: 'center', color: '#c0392b', marginTop: 0 }} data-testid="rating-centre">
        {screen.centre.name}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center', fontSize: 20, marginBottom: 4 }} data-testid="rating-matter">
        {t('办理事项：', 'Matter: ')}
        {screen.matter.name}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 16 }}>
        {t('窗口工作人员：', 'Served by: ')}
        {screen.servedBy.name}
      </Typography.Paragraph>
      <Typography.Title level={3} style={{ textAlign: 'center', margin: '24px 0' }}>
        {t('请您对本次服务作出评价', 'Please rate the service you received')}
      </Typography.Title>
      <Row gutter={[16, 16]} justify="center">
        {screen.levels.map((l) => (
          <Col key={l.code} xs={12} md={8} lg={4} style={{ flex: '1 1 0' }}>
            <Button
              className="tb-rating-level"
              style={{ color: FACES[l.code]?.color, borderColor: FACES[l.code]?.color }}
              loading={sending === l.code}
              disabled={sending !== null && sending !== l.code}
              onClick={() => void rate(l.code)}
              data-testid={`rating-level-${l.code}`}
            >
              {FACES[l.code]?.icon}
              <span>{l.zh}</span>
              <small>{l.en}</small>
            </Button>
          </Col>
        ))}
      </Row>
      <Input.TextArea
        style={{ marginTop: 24, fontSize: 16 }}
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('意见和建议（可不填，请在选择满意程度前填写）', 'Comments (optional; write them before you tap a level)')}
        data-testid="rating-comment"
      />
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
    </Card>
  );
}

/**
 * 电子评价器: the bare, public page the counter opens on a second screen (#/rate/<ticket>). It holds
 * nothing but the ticket: no menu, no links, no staff session (a session copied into this window is dropped).
 */
export function RatingScreen() {
  const { ticket = '' } = useParams();
  useEffect(() => {
    saveTokens(null);
  }, []);
  return (
    <div className="tb-applicant-screen">
      <Rate key={ticket} ticket={ticket} />
    </div>
  );
}
