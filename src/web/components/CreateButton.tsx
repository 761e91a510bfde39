import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { Permission } from '../../shared/permissions';
import { PermissionGate } from '../lib/permissions';

/** A list's 新建 button, shown only to those who may create. */
export function CreateButton({ permission, label, onClick }: { permission: Permission; label: string; onClick: () => void }) {
  return (
    <PermissionGate permission={permission}>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onClick}>
        {label}
      </Button>
    </PermissionGate>
  );
}
