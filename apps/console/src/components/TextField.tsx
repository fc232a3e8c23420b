import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../lib/i18n';

/**
 * A text field of an action's form: required (with `required` as the message) or not, at most `max`
 * characters, one line or `rows` lines. The node checks the same again; this spares a refused round trip.
 */
export function TextField({ name, label, required, max = 500, rows, testId, placeholder }: { name: string; label: ReactNode; required?: string; max?: number; rows?: number; testId?: string; placeholder?: string }) {
  const { t } = useLang();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[...(required ? [{ required: true, whitespace: true, message: required }] : []), { max, message: t(`不超过 ${max} 字`, `At most ${max} characters`) }]}
    >
      {rows ? <Input.TextArea rows={rows} placeholder={placeholder} data-testid={testId} /> : <Input placeholder={placeholder} data-testid={testId} />}
    </Form.Item>
  );
}
