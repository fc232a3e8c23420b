import { Alert, Button, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { dateTime } from '../lib/format';
import { useLang } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { CaseDocument } from './documents';
import { documentTitle } from './documents';
import { PrintDocumentButton } from './PrintDocumentButton';

export interface DocumentListProps {
  /** 办件编号 of the case whose documents to list. */
  caseNumber: string;
  /** Change it (e.g. to the case's version) to read the list again after an action issued a document. */
  refreshKey?: string | number;
  /** The documents as the case's detail already lists them: shown as given, without reading them again. */
  documents?: CaseDocument[];
}

export { PrintDocumentButton };

/**
 * The documents a case has handed out (GET /cases/:caseNumber/documents): title, number, issuing
 * centre and time, each with a print button (PrintDocumentButton). `data-testid="documents"`.
 */
export function DocumentList({ caseNumber, refreshKey, documents }: DocumentListProps) {
  const { lang, t } = useLang();
  const { node } = useSession();
  const [docs, setDocs] = useState<CaseDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setDocs(await api<CaseDocument[]>(`/cases/${encodeURIComponent(caseNumber)}/documents`));
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : t('无法读取文书，请稍后重试', 'The documents could not be read; try again'));
    } finally {
      setLoading(false);
    }
  }, [caseNumber, lang, t]);

  useEffect(() => {
    if (documents) setDocs(documents);
    else void load();
  }, [load, refreshKey, documents]);

  return (
    <div data-testid="documents">
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error}
          action={
            <Button size="small" onClick={() => void load()}>
              {t('重试', 'Retry')}
            </Button>
          }
        />
      )}
      <Table<CaseDocument>
        size="small"
        rowKey="number"
        loading={loading}
        dataSource={docs ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('本办件尚未出具文书', 'No documents issued for this case yet') }}
        columns={[
          { title: t('文书', 'Document'), dataIndex: 'kind', width: 150, render: (_: unknown, d) => (lang === 'zh' ? d.titleZh : d.titleEn) || documentTitle(d.kind, lang) },
          { title: t('文书编号', 'Number'), dataIndex: 'number', width: 260, render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
          { title: t('出具单位', 'Issued by'), dataIndex: 'issuedBy', width: 180, render: (v: string) => (node && v === node.code ? node.name : v) },
          { title: t('出具时间', 'Issued at'), dataIndex: 'issuedAt', width: 140, render: (v: string) => dateTime(v) },
          {
            title: t('操作', 'Action'),
            key: 'print',
            width: 160,
            fixed: 'right',
            render: (_: unknown, d) => <PrintDocumentButton caseNumber={caseNumber} number={d.number} kind={d.kind} label={t('打印', 'Print')} />,
          },
        ]}
      />
    </div>
  );
}
