import { Alert, App, Col, Form, Modal, Row } from 'antd';
import { useNavigate } from 'react-router';
import { standardStationName } from '../../../shared/rules/station-name';
import type { VenueType } from '../../../shared/rules/station-venue';
import { useReportError } from '../../lib/errors';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { CountySelect, TownSelect } from '../regions/RegionSelects';
import { useCounties, useTowns } from '../regions/regions.api';
import { EMPTY_STATION_FIELDS, StationFields, stationEditableBody, type StationFieldValues } from './StationFields';
import { useCreateStation } from './stations.api';

interface CreateValues extends StationFieldValues {
  /** Only narrows the town list; not sent. */
  countyCode?: string;
  townCode?: string;
}

/** R-STATION-NAME: the name is derived from county and town, so the form previews it. */
function NamePreview({ countyCode, townCode }: { countyCode?: string; townCode?: string }) {
  const counties = useCounties();
  const towns = useTowns(countyCode);
  const county = counties.data?.find((c) => c.code === countyCode);
  const town = towns.data?.find((t) => t.code === townCode);
  if (!county || !town) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={m.stations.namePreview(standardStationName(county.shortName, town.name))}
      description={m.stations.standardNameNote}
    />
  );
}

export function CreateStationModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const countyCode = Form.useWatch('countyCode', form);
  const townCode = Form.useWatch('townCode', form);
  const create = useCreateStation();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();

  const onFinish = (v: CreateValues) => {
    if (!v.townCode || !v.venueType) return;
    create.mutate(
      { ...stationEditableBody({ ...v, venueType: v.venueType satisfies VenueType }), townCode: v.townCode },
      {
        onSuccess: (station) => {
          message.success(m.stations.created);
          onClose();
          void navigate(`/stations/${station.id}`);
        },
        onError: (e) => report(e, form),
      },
    );
  };

  return (
    <Modal
      open
      title={m.stations.createTitle}
      okText={m.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={isMobile ? '100%' : 720}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY_STATION_FIELDS}
        onFinish={onFinish}
        disabled={create.isPending}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={m.stations.county} name="countyCode" rules={[{ required: true, message: m.stations.countyRequired }]}>
              <CountySelect onChange={() => form.setFieldValue('townCode', undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={m.stations.town} name="townCode" rules={[{ required: true, message: m.stations.townRequired }]}>
              <TownSelect countyCode={countyCode} />
            </Form.Item>
          </Col>
        </Row>
        <NamePreview countyCode={countyCode} townCode={townCode} />
        <StationFields />
      </Form>
    </Modal>
  );
}
