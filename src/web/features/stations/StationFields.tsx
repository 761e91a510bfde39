import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { StationDetail, stationEditableSchema } from '../../../shared/contracts/stations';
import {
  PLAQUE_STATES,
  PLAQUE_STATE_LABELS,
  VENUE_TYPES,
  VENUE_TYPE_LABELS,
  type PlaqueState,
  type VenueType,
} from '../../../shared/rules/station-venue';
import { m } from '../../i18n';

type StationEditable = z.input<typeof stationEditableSchema>;

/** The editable fields as the form holds them (the date as a Dayjs for the picker). */
export interface StationFieldValues {
  venueType?: VenueType;
  venueOther: string;
  address: string;
  phone: string;
  openedOn: Dayjs | null;
  outdoorPlaque: PlaqueState;
  indoorPlaque: PlaqueState;
  equipment: string;
  hostContactName: string;
  hostContactPhone: string;
}

export const EMPTY_STATION_FIELDS: StationFieldValues = {
  venueType: undefined,
  venueOther: '',
  address: '',
  phone: '',
  openedOn: null,
  outdoorPlaque: 'none',
  indoorPlaque: 'none',
  equipment: '',
  hostContactName: '',
  hostContactPhone: '',
};

export function stationFieldValues(s: StationDetail): StationFieldValues {
  return {
    venueType: s.venueType,
    venueOther: s.venueOther,
    address: s.address,
    phone: s.phone,
    openedOn: s.openedOn ? dayjs(s.openedOn) : null,
    outdoorPlaque: s.outdoorPlaque,
    indoorPlaque: s.indoorPlaque,
    equipment: s.equipment,
    hostContactName: s.hostContactName,
    hostContactPhone: s.hostContactPhone,
  };
}

/** The request body part; venueType is required by the form rules, so it is present here. */
export function stationEditableBody(v: StationFieldValues & { venueType: VenueType }): StationEditable {
  return {
    venueType: v.venueType,
    venueOther: v.venueOther ?? '',
    address: v.address,
    phone: v.phone ?? '',
    openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : null,
    outdoorPlaque: v.outdoorPlaque,
    indoorPlaque: v.indoorPlaque,
    equipment: v.equipment ?? '',
    hostContactName: v.hostContactName ?? '',
    hostContactPhone: v.hostContactPhone ?? '',
  };
}

const venueOptions = VENUE_TYPES.map((v) => ({ value: v, label: VENUE_TYPE_LABELS[v] }));
const plaqueOptions = PLAQUE_STATES.map((p) => ({ value: p, label: PLAQUE_STATE_LABELS[p] }));
const half = { xs: 24, sm: 12 };

/** The fields a town or district officer edits; names match the API so server errors land on them. */
export function StationFields() {
  const venueType = Form.useWatch<VenueType | undefined>('venueType');
  const form = Form.useFormInstance();
  // Shown for 其他, and kept for a station that already has a description, so it can be cleared.
  const [hadVenueOther] = useState(() => Boolean(form.getFieldValue('venueOther')));
  const showVenueOther = venueType === 'other' || hadVenueOther;
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item label={m.stations.venueType} name="venueType" rules={[{ required: true, message: m.stations.venueTypeRequired }]}>
          <Select options={venueOptions} />
        </Form.Item>
      </Col>
      {showVenueOther ? (
        <Col {...half}>
          <Form.Item
            label={m.stations.venueOther}
            name="venueOther"
            extra={m.stations.venueOtherHint}
            rules={[{ required: venueType === 'other', whitespace: true, message: m.stations.venueOtherHint }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      ) : null}
      <Col span={24}>
        <Form.Item label={m.stations.address} name="address" rules={[{ required: true, whitespace: true, message: m.stations.addressRequired }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.phone} name="phone">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.openedOn} name="openedOn">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.outdoorPlaque} name="outdoorPlaque">
          <Select options={plaqueOptions} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.indoorPlaque} name="indoorPlaque">
          <Select options={plaqueOptions} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={m.stations.equipment} name="equipment">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.hostContactName} name="hostContactName">
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={m.stations.hostContactPhone} name="hostContactPhone">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Col>
    </Row>
  );
}
