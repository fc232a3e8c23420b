import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../lib/api';
import { useLang } from '../../../lib/i18n';
import { errorText, ExportButton } from './common';
import type { ImportSummary, WorkbookProblem } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The node takes at most 5 MB; a bigger file is refused here before it is sent. */
const MAX_BYTES = 5 * 1024 * 1024;

type Refusal = { problems: WorkbookProblem[]; problemCount: number; truncated: boolean };

/** 导入: a workbook of items becomes drafts, all or nothing; every problem is listed at once with its sheet, row and column. */
export function ImportPage() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setSummary(null);
    setRefusal(null);
    setFailure(null);
    try {
      // The browser may not know the type of an .xlsx (an empty File.type): say it.
      const body = new Blob([file], { type: XLSX });
      const s = await api<ImportSummary>('/catalog/drafts/import', { method: 'POST', raw: body });
      setSummary(s);
      message.success(t(`已导入 ${s.total} 个事项：新建草稿 ${s.createdCount}，更新草稿 ${s.updatedCount}，未变 ${s.unchangedCount}`, `Imported ${s.total} items: ${s.createdCount} drafts created, ${s.updatedCount} updated, ${s.unchangedCount} unchanged`));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CATALOG_IMPORT_INVALID') {
        setRefusal({ problems: (err.body.problems as WorkbookProblem[]) ?? [], problemCount: Number(err.body.problemCount ?? 0), truncated: err.body.truncated === true });
        message.error(err.text(lang));
      } else {
        setFailure(errorText(err, lang));
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const codes = (list: string[]) =>
    list.length === 0 ? (
      '—'
    ) : (
      <Space size={[4, 4]} wrap>
        {list.map((c) => (
          <Tag key={c}>{c}</Tag>
        ))}
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('从 Excel 导入事项', 'Import items from Excel')} extra={<ExportButton />}>
        <Typography.Paragraph>
          {t(
            '工作簿格式与“导出 Excel”相同：“事项”表每个事项一行，“申请材料”“办理流程”“常见问题”各表以实施编码对应事项，“说明”表列出每一列的填法。导入的事项成为草稿，发布版本后才生效；有任何问题时不导入任何内容，并一次列出全部问题。',
            'The workbook has the layout of "Export to Excel": one row per item on 事项; 申请材料, 办理流程 and 常见问题 keyed by 实施编码; 说明 explains every column. Imported items become drafts, live once a version publishes them; with any problem nothing is imported and every problem is listed at once.',
          )}
        </Typography.Paragraph>
        <div data-testid="import-file">
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'workbook', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                message.error(t('文件超过 5 MB', 'The file is larger than 5 MB'));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setSummary(null);
              setRefusal(null);
              setFailure(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('点击或拖入 Excel 工作簿（.xlsx，不超过 5 MB）', 'Click or drop an Excel workbook (.xlsx, at most 5 MB)')}</p>
          </Upload.Dragger>
        </div>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" disabled={!file} loading={busy} onClick={submit} data-testid="import-submit">
            {t('导入为草稿', 'Import as drafts')}
          </Button>
        </Space>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} data-testid="import-failure" />}
      </Card>

      {refusal && (
        <Card title={t('未导入：工作簿中的问题', 'Not imported: problems in the workbook')} data-testid="import-problems">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`共 ${refusal.problemCount} 处问题，未导入任何内容。请在工作簿中逐一修改后重新导入。`, `${refusal.problemCount} problem(s); nothing was imported. Correct them in the workbook and import it again.`)}
            description={refusal.truncated ? t(`只列出前 ${refusal.problems.length} 处。`, `Only the first ${refusal.problems.length} are listed.`) : undefined}
          />
          <Table<WorkbookProblem>
            rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.field}|${p.rule}`}
            size="small"
            dataSource={refusal.problems}
            scroll={{ x: true }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            data-testid="import-problems-table"
            columns={[
              { title: t('工作表', 'Sheet'), dataIndex: 'sheet', width: 90 },
              { title: t('行', 'Row'), dataIndex: 'row', width: 60, align: 'right', render: (r: number | null) => r ?? '—' },
              { title: t('列', 'Column'), dataIndex: 'column', width: 170, render: (c: string | null, p) => (c ? `${c}${p.cell ? `（${p.cell}）` : ''}` : '—') },
              { title: t('实施编码', 'Code'), dataIndex: 'code', width: 190, render: (c: string | null) => c ?? '—' },
              { title: t('问题', 'Problem'), key: 'message', width: 460, render: (_: unknown, p) => (lang === 'zh' ? p.message : p.messageEn) },
              { title: t('规则', 'Rule'), dataIndex: 'rule', width: 170, render: (r: string) => <Typography.Text type="secondary">{r}</Typography.Text> },
            ]}
          />
        </Card>
      )}

      {summary && (
        <Card
          title={t('导入完成', 'Imported')}
          data-testid="import-summary"
          extra={
            <Space>
              <Button onClick={() => navigate('/city/catalog/drafts')} data-testid="import-go-drafts">
                {t('查看草稿', 'See the drafts')}
              </Button>
              <Button type="primary" disabled={summary.createdCount + summary.updatedCount === 0} onClick={() => navigate('/city/catalog/publish')} data-testid="import-go-publish">
                {t('发布版本', 'Publish a version')}
              </Button>
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'total', label: t('事项总数', 'Items'), children: summary.total },
              { key: 'created', label: t(`新建草稿（${summary.createdCount}）`, `Drafts created (${summary.createdCount})`), children: codes(summary.created) },
              { key: 'updated', label: t(`更新草稿（${summary.updatedCount}）`, `Drafts updated (${summary.updatedCount})`), children: codes(summary.updated) },
              { key: 'unchanged', label: t(`与现有内容相同（${summary.unchangedCount}）`, `Unchanged (${summary.unchangedCount})`), children: summary.unchangedCount > 30 ? t(`${summary.unchangedCount} 个事项`, `${summary.unchangedCount} items`) : codes(summary.unchanged) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
