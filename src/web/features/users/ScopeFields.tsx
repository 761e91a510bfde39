import { Col, Form, Input, Row, Select } from 'antd';
import { SCOPE_KIND_LABELS, scopeKindsFor, type Role, type ScopeKind } from '../../../shared/permissions';
import { m } from '../../i18n';
import { CitySelect, CountySelect, TownSelect } from '../regions/RegionSelects';
import { useRegionRoot } from '../regions/regions.api';
import { useOrgOptions } from './users.api';

/**
 * The scope kinds the installation has (no province under a city root) and the region a kind
 * fixes: the root itself for its own level (全省 in a province installation, 全市 in a city one).
 */
export function useInstallationScopes() {
  const root = useRegionRoot().data;
  return {
    root,
    available: (k: ScopeKind) => k !== 'province' || root?.level === 'province',
    fixedRegion: (k: ScopeKind | undefined) => (root && k === root.level ? root.code : null),
  };
}

/**
 * The data scope, shaped as the API takes it (`scope.kind`, `scope.regionCode`, `scope.orgId`)
 * so server field errors land on the right control. The kinds offered are those every chosen
 * role accepts; the region picker follows the kind. `scopeCounty` only narrows the town list.
 */
export function ScopeFields({ roles }: { roles: Role[] }) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch<ScopeKind | undefined>(['scope', 'kind']);
  const county = Form.useWatch<string | undefined>('scopeCounty');
  const { root, available, fixedRegion } = useInstallationScopes();
  const kinds = scopeKindsFor(roles).filter(available);
  const orgs = useOrgOptions(kind === 'org');

  const onKindChange = (next: ScopeKind) => {
    form.setFieldsValue({ scope: { kind: next, regionCode: fixedRegion(next), orgId: null }, scopeCounty: undefined });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item
          label={m.users.scopeKind}
          name={['scope', 'kind']}
          rules={[{ required: true, message: roles.length > 0 && kinds.length === 0 ? m.users.scopeKindNone : m.users.scopeKindRequired }]}
        >
          <Select<ScopeKind>
            options={kinds.map((k) => ({ value: k, label: SCOPE_KIND_LABELS[k] }))}
            onChange={onKindChange}
            notFoundContent={m.users.scopeKindNone}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        {kind && kind === root?.level ? (
          <>
            <Form.Item name={['scope', 'regionCode']} hidden>
              <Input />
            </Form.Item>
            <Form.Item label={kind === 'province' ? m.users.province : m.users.city}>
              <Input value={root.name} disabled />
            </Form.Item>
          </>
        ) : null}
        {kind === 'city' && root?.level === 'province' ? (
          <Form.Item label={m.users.city} name={['scope', 'regionCode']} rules={[{ required: true, message: m.users.cityRequired }]}>
            <CitySelect />
          </Form.Item>
        ) : null}
        {kind === 'county' ? (
          <Form.Item label={m.users.county} name={['scope', 'regionCode']} rules={[{ required: true, message: m.users.countyRequired }]}>
            <CountySelect />
          </Form.Item>
        ) : null}
        {kind === 'org' ? (
          <Form.Item label={m.users.org} name={['scope', 'orgId']} rules={[{ required: true, message: m.users.orgRequired }]}>
            <Select
              loading={orgs.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        ) : null}
      </Col>
      {kind === 'town' || kind === 'station' ? (
        <>
          <Col xs={24} sm={12}>
            <Form.Item label={m.users.county} name="scopeCounty" rules={[{ required: true, message: m.users.countyRequired }]}>
              <CountySelect onChange={() => form.setFieldValue(['scope', 'regionCode'], null)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={kind === 'station' ? m.users.stationTown : m.users.town}
              name={['scope', 'regionCode']}
              rules={[{ required: true, message: m.users.townRequired }]}
            >
              <TownSelect countyCode={county} />
            </Form.Item>
          </Col>
        </>
      ) : null}
    </Row>
  );
}
