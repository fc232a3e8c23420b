import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, openPdf } from '../lib/api';
import { dateTime } from '../lib/format';
import { useLang } from '../lib/i18n';
import type { CaseDocumentRef } from './case/types';

/** The PDF the node renders of one of a case's documents (GET /cases/:n/documents/:number/pdf). */
export function documentPdfPath(caseNumber: string, number: string): string {
  return `/cases/${encodeURIComponent(caseNumber)}/documents/${encodeURIComponent(number)}/pdf`;
}

/** One click: the node renders the document and the browser's print dialog opens on it. */
export function PrintDocumentButton({ caseNumber, doc, label }: { caseNumber: string; doc: Pick<CaseDocumentRef, 'kind' | 'number' | 'titleZh' | 'titleEn'>; label?: string }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<PrinterOutlined />}
      loading={busy}
      data-testid={`print-${doc.kind}`}
      onClick={async () => {
        setBusy(true);
        try {
          const w = await openPdf(documentPdfPath(caseNumber, doc.number), true);
          if (!w) message.warning(t('浏览器拦截了新窗口，请允许本站弹出窗口后重试', 'The browser blocked the new window; allow pop-ups for this site and retry'));
        } catch (e) {
          message.error(e instanceof ApiError ? e.text(lang) : String(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {label ?? t(`打印${doc.titleZh}`, `Print ${doc.titleEn}`)}
    </Button>
  );
}

/** A case's documents (受理通知书, 一次性告知书 …), each with its number, date and a print button. */
export function DocumentList({ caseNumber, documents }: { caseNumber: string; documents: CaseDocumentRef[] }) {
  const { lang, t } = useLang();
  if (documents.length === 0) return <Empty description={t('尚无文书', 'No documents yet')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      data-testid="documents"
      size="small"
      dataSource={documents}
      renderItem={(d) => (
        <List.Item key={d.number} actions={[<PrintDocumentButton key="print" caseNumber={caseNumber} doc={d} label={t('打印', 'Print')} />]}>
          <List.Item.Meta
            title={lang === 'zh' ? d.titleZh : d.titleEn}
            description={
              <Typography.Text type="secondary">
                {d.number} · {dateTime(d.issuedAt)}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
