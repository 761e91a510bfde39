import { Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useApplicationsInForce } from './applications.api';
import { t } from './labels';

/**
 * On the record form: the departments' applications the bureau accepted that are in force for the
 * station on the record's day (R-PLATFORM-APPLY). Hidden when there is none.
 */
export function ApplicationField({ stationId, date, ownStation }: { stationId: string | undefined; date: Dayjs | undefined; ownStation: boolean }) {
  const form = Form.useFormInstance();
  const day = (date ?? dayjs()).format('YYYY-MM-DD');
  const ready = ownStation || Boolean(stationId);
  const { data } = useApplicationsInForce(ownStation ? null : (stationId ?? null), day, ready);
  const options = (data ?? []).map((a) => ({ value: a.id, label: `${a.title}（${a.department}）` }));
  useEffect(() => {
    // A change of day or station can take the chosen application out of force.
    const chosen = form.getFieldValue('applicationId') as string | undefined;
    if (chosen && data && !data.some((a) => a.id === chosen)) form.setFieldValue('applicationId', undefined);
  }, [data, form]);
  if (!ready || options.length === 0) return null;
  return (
    <Form.Item label={t.recordApplication} name="applicationId" extra={t.recordApplicationHint}>
      <Select aria-label={t.recordApplication} allowClear options={options} />
    </Form.Item>
  );
}
