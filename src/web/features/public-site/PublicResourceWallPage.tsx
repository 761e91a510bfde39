import { HeartOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { TARGET_GROUP_LABELS } from '../../../shared/rules/clients';
import { SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { DONOR_KIND_LABELS, RESOURCE_KIND_LABELS } from '../../../shared/rules/resources';
import { publicResourcePhoto } from '../../../shared/contracts/resources';
import { PageHeader } from '../../components/PageHeader';
import { apiUrl } from '../../lib/api';
import { LoadError, PageLoading } from '../../components/PageStates';
import { m } from '../../i18n';
import { quantityText } from '../resources/resourceFields';
import { useResourceWall } from '../resources/resources.api';

const t = m.resources.wall;

/** 爱心公示墙 (R-RESOURCES-PUBLIC): reviewed needs and thanks; nothing that names a client. */
export default function PublicResourceWallPage() {
  const { data, isPending, error, refetch } = useResourceWall();
  return (
    <>
      <PageHeader title={t.title}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t.intro}
        </Typography.Paragraph>
      </PageHeader>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending || !data ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t.needs}</Typography.Title>
          {data.needs.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noNeeds} />
          ) : (
            <Row gutter={[12, 12]} data-testid="wall-needs">
              {data.needs.map((n) => (
                <Col key={n.id} xs={24} md={12} lg={8}>
                  <Card size="small" data-testid="wall-need" style={{ height: '100%' }}>
                    <Flex gap={4} wrap style={{ marginBottom: 8 }}>
                      <Tag color="blue">{SERVICE_DOMAIN_LABELS[n.domain]}</Tag>
                      {n.targetGroup ? <Tag>{TARGET_GROUP_LABELS[n.targetGroup]}</Tag> : null}
                      <Tag>{RESOURCE_KIND_LABELS[n.kind]}</Tag>
                    </Flex>
                    <Typography.Paragraph style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>{n.text}</Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {n.countyName}{n.townName}{n.neededBy ? ` · ${t.neededBy(n.neededBy)}` : ''}
                    </Typography.Text>
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>{t.thanks}</Typography.Title>
          {data.thanks.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noThanks} />
          ) : (
            <Flex vertical gap={8} data-testid="wall-thanks">
              {data.thanks.map((x) => (
                <Card key={x.id} size="small" data-testid="wall-thank">
                  <Flex gap={8} align="start" wrap>
                    <HeartOutlined aria-hidden style={{ color: '#eb2f96', marginTop: 4 }} />
                    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      <div>
                        {t.thanksLine(x.donorName, `${RESOURCE_KIND_LABELS[x.kind]}${x.itemName ? `（${x.itemName}）` : ''} ${quantityText(x.kind, x.quantity)}`)}
                        <Tag style={{ marginInlineStart: 8 }}>{DONOR_KIND_LABELS[x.donorKind]}</Tag>
                      </div>
                      <Typography.Text type="secondary">
                        {x.deliveredOn} · {x.countyName}{x.townName} · {x.needText}
                      </Typography.Text>
                      {x.photoId ? (
                        <img
                          src={apiUrl(publicResourcePhoto, { params: { id: x.photoId } })}
                          alt={t.photoAlt}
                          loading="lazy"
                          style={{ display: 'block', marginTop: 8, maxWidth: '100%', maxHeight: 240, borderRadius: 6 }}
                        />
                      ) : null}
                    </div>
                  </Flex>
                </Card>
              ))}
            </Flex>
          )}
        </Flex>
      )}
    </>
  );
}
