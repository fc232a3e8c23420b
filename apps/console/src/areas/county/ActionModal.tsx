import { Alert, App, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../../lib/api';
import { useLang } from '../../lib/i18n';

export interface ActionRequest {
  path: string;
  method?: 'POST' | 'PUT';
  body: Record<string, unknown>;
  idempotencyKey?: string;
}

/**
 * One action as a modal form: the fields are validated before anything is sent; the API's refusal
 * (its message, and each field's problem beside the field) stays in the modal until corrected.
 */
export function ActionModal<V extends object>({
  open,
  title,
  intro,
  okText,
  danger,
  request,
  check,
  success,
  onClose,
  onDone,
  children,
  initialValues,
  width,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  okText?: string;
  danger?: boolean;
  /** The request for the validated values. */
  request: (values: V) => ActionRequest;
  /** A problem of the values as a whole (the fields each passed), or null. */
  check?: (values: V) => string | null;
  success: string;
  onClose: () => void;
  onDone: (answer: unknown) => void;
  children?: (form: FormInstance<V>) => ReactNode;
  initialValues?: Partial<V>;
  width?: number;
}) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is wrong
    }
    const problem = check?.(values) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = request(values);
      const answer = await api<unknown>(r.path, { method: r.method ?? 'POST', body: r.body, idempotencyKey: r.idempotencyKey });
      message.success(success);
      form.resetFields();
      onDone(answer);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.text(lang));
        const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        const fields = e.errors.filter((f) => known.has(f.field));
        if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.field.split('.') as never, errors: [lang === 'zh' ? f.message : f.messageEn] })));
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      width={width ?? 560}
      footer={[
        <Button key="cancel" onClick={close} disabled={busy}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={busy} onClick={() => void submit()} data-testid="modal-submit">
          {okText ?? t('确定', 'OK')}
        </Button>,
      ]}
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="modal-error" />}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children?.(form)}
      </Form>
    </Modal>
  );
}
