import { App, Button, Drawer, Flex, Form } from 'antd';
import { useEffect, useRef } from 'react';
import type { StationDetail } from '../../../shared/contracts/stations';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { StationFields, stationEditableBody, stationFieldValues, type StationFieldValues } from './StationFields';
import { useUpdateStation } from './stations.api';

/**
 * Edits the station's own fields. The version read with the page goes back with the save;
 * if someone saved first, the server answers 409 and the form reloads their version.
 */
export function EditStationDrawer({
  station,
  onClose,
  onConflict,
}: {
  station: StationDetail;
  onClose: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const [form] = Form.useForm<StationFieldValues>();
  const update = useUpdateStation(station.id);
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();

  // After a conflict the page re-reads the station: show the other person's saved values.
  const shownVersion = useRef(station.version);
  useEffect(() => {
    if (shownVersion.current === station.version) return;
    shownVersion.current = station.version;
    form.setFieldsValue(stationFieldValues(station));
  }, [station, form]);

  const onFinish = (v: StationFieldValues) => {
    if (!v.venueType) return;
    update.mutate(
      { ...stationEditableBody({ ...v, venueType: v.venueType }), version: station.version },
      {
        onSuccess: () => {
          message.success(m.stations.updated);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'VERSION_CONFLICT')) {
            message.warning(m.common.versionConflict, 6);
            void onConflict();
            return;
          }
          report(e, form);
        },
      },
    );
  };

  return (
    <Drawer
      title={m.stations.editTitle}
      open
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{m.common.cancel}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {m.common.save}
          </Button>
        </Flex>
      }
    >
      <Form<StationFieldValues>
        form={form}
        layout="vertical"
        initialValues={stationFieldValues(station)}
        onFinish={onFinish}
        disabled={update.isPending}
      >
        <StationFields />
      </Form>
    </Drawer>
  );
}
