import { AuditOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { ServiceRecord } from '../../../shared/contracts/service-records';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { useReviewRecord } from './records.api';

const t = m.daily.records;

/**
 * The district's decision on a free-text (“其他”) service item (record:review): acceptable work,
 * or in fact an excluded item (R-SCOPE-EXCLUDED). Shown only while the record waits for it.
 */
export function ReviewRecordButton({ r }: { r: ServiceRecord }) {
  const canReview = usePermission('record:review');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ acceptable: boolean; note: string }>();
  const review = useReviewRecord(r.id);
  const { handle } = useActionError();
  const { message } = App.useApp();
  if (!canReview || r.itemCode || r.review) return null;
  return (
    <>
      <Button size="small" icon={<AuditOutlined aria-hidden />} onClick={() => setOpen(true)} style={{ marginTop: 8 }}>
        {t.review}
      </Button>
      {open ? (
        <Modal
          open
          title={t.reviewTitle}
          okText={m.common.confirm}
          cancelText={m.common.cancel}
          onOk={() => form.submit()}
          onCancel={() => setOpen(false)}
          confirmLoading={review.isPending}
          destroyOnHidden
        >
          <Typography.Paragraph>{r.itemName}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ acceptable: true }}
            disabled={review.isPending}
            onFinish={(v) =>
              review.mutate(
                { acceptable: v.acceptable, note: v.note.trim() },
                {
                  onSuccess: () => {
                    message.success(t.reviewed);
                    setOpen(false);
                  },
                  onError: (e) => handle(e, { form }),
                },
              )
            }
          >
            <Form.Item name="acceptable" label={t.reviewVerdict}>
              <Radio.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={[
                  { value: true, label: t.reviewAcceptable },
                  { value: false, label: t.reviewExcluded },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t.reviewNote} rules={[{ required: true, whitespace: true, message: t.reviewNoteRequired }]}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
