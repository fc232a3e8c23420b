import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, download } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { ITEM_STATUSES, labelIn, STATUS_COLOR } from './codes';

/** The text of any error a page shows: the node's own wording for an ApiError. */
export function errorText(err: unknown, lang: 'zh' | 'en'): string {
  if (err instanceof ApiError) return err.text(lang);
  return lang === 'zh' ? '网络错误，请稍后重试' : 'Network error; try again later';
}

/** A GET the page shows: its answer, whether it is loading, its error, and a way to load it again. */
export function useLoad<T>(path: string | null, query?: Record<string, string | number | undefined>) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(query ?? {});
  const reload = useCallback(async () => {
    if (path === null) return;
    setLoading(true);
    try {
      setData(await api<T>(path, { query: JSON.parse(key) as Record<string, string> }));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [path, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, error, reload };
}

export function LoadError({ error }: { error: unknown }) {
  const { lang } = useLang();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="load-error" />;
}

export function StatusTag({ status }: { status: string }) {
  const { lang } = useLang();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{labelIn(ITEM_STATUSES, status, lang)}</Tag>;
}

/** Downloads the published catalog as a workbook (the import layout). */
export function ExportButton() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="catalog-export"
      onClick={async () => {
        setBusy(true);
        try {
          await download('/catalog/export.xlsx', `catalog-${new Date().toISOString().slice(0, 10)}.xlsx`);
          message.success(t('已导出当前发布的目录', 'The published catalog was exported'));
        } catch (err) {
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('导出 Excel', 'Export to Excel')}
    </Button>
  );
}
