import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError, download, openPdf } from '../lib/api';
import { useLang } from '../lib/i18n';
import { documentKind, documentPdfPath, documentTitle } from './documents';

export interface PrintDocumentButtonProps {
  /** 办件编号 of the case. */
  caseNumber: string;
  /** The document's number (`GZ-<case number>`); the node also takes the kind's code (`one_time_notice`). */
  number?: string;
  /** The document's kind: its code (`one_time_notice`) or prefix (`GZ`). Names the button (`data-testid="print-GZ"`). */
  kind?: string;
  /** Or the document as a case's detail lists it (its number and kind). */
  doc?: { number: string; kind: string };
  /** The button's text; by default 打印一次性告知书 / Print one-time notice. */
  label?: string;
  /** Passed to the antd Button. */
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
}

/**
 * One click prints a case document: the node renders it as a PDF (GET /cases/:n/documents/:number/pdf)
 * and it opens in a new tab with the browser's print dialog. If the browser blocks the tab, the PDF is
 * downloaded instead. `data-testid="print-<PREFIX>"`, e.g. `print-GZ`.
 */
export function PrintDocumentButton({ caseNumber, number: numberGiven, kind: kindGiven, doc, label, size = 'small', type = 'default' }: PrintDocumentButtonProps) {
  const number = doc?.number ?? numberGiven ?? '';
  const kind = doc?.kind ?? kindGiven ?? number;
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const prefix = documentKind(kind)?.prefix ?? documentKind(number)?.prefix ?? kind;
  const title = documentTitle(kind, lang);

  const print = async () => {
    setBusy(true);
    try {
      const path = documentPdfPath(caseNumber, number);
      const opened = await openPdf(path, true);
      if (opened) message.success(t(`已打开${title}，请在新窗口中打印`, `${title} opened in a new tab for printing`));
      else {
        await download(path, `${number}.pdf`);
        message.warning(t('浏览器阻止了新窗口，已改为下载 PDF，请打开后打印', 'The browser blocked the new tab; the PDF was downloaded instead, open it to print'));
      }
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(lang) : t('无法生成文书，请稍后重试', 'The document could not be made; try again'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<PrinterOutlined />} size={size} type={type} loading={busy} onClick={print} data-testid={`print-${prefix}`}>
      {label ?? t(`打印${title}`, `Print ${title.toLowerCase()}`)}
    </Button>
  );
}
