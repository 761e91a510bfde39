import { Form } from 'antd';
import type { StationDetail } from '../../../shared/contracts/stations';
import { DrawerForm, useDrawerSave } from '../../components/DrawerForm';
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
  const save = useDrawerSave(form, { saved: m.stations.updated, onClose, onConflict });
  const onFinish = (v: StationFieldValues) => {
    if (!v.venueType) return;
    update.mutate({ ...stationEditableBody({ ...v, venueType: v.venueType }), version: station.version }, save);
  };
  return (
    <DrawerForm<StationFieldValues>
      title={m.stations.editTitle}
      form={form}
      initialValues={stationFieldValues(station)}
      reload={{ version: station.version, values: stationFieldValues(station) }}
      onFinish={onFinish}
      pending={update.isPending}
      onClose={onClose}
    >
      <StationFields />
    </DrawerForm>
  );
}
