import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TableProps } from 'antd';

/** The button that adds a row to a detail page's table. */
export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button size="small" type="primary" icon={<PlusOutlined aria-hidden />} onClick={onClick}>
      {label}
    </Button>
  );
}

/**
 * A small unpaged table on a detail page (a contract's payments, a plan's submissions): its rows,
 * a short note when there are none, and above it on the right the action that adds one.
 */
export function DetailTable<T extends object>(props: {
  rows: T[];
  columns: TableProps<T>['columns'];
  rowKey: TableProps<T>['rowKey'];
  scrollX?: number;
  testId?: string;
  empty?: string;
  add?: { label: string; onClick: () => void } | false;
}) {
  const table = (
    <Table<T>
      rowKey={props.rowKey}
      size="small"
      columns={props.columns}
      dataSource={props.rows}
      pagination={false}
      scroll={props.scrollX ? { x: props.scrollX } : undefined}
      data-testid={props.testId}
      locale={props.empty ? { emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} /> } : undefined}
    />
  );
  if (!props.add) return table;
  return (
    <Flex vertical gap={8}>
      <Flex justify="end">
        <AddButton {...props.add} />
      </Flex>
      {table}
    </Flex>
  );
}
