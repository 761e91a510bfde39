import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tooltip, Typography } from 'antd';
import type { User } from '../../../shared/contracts/users';
import { ADMIN_ROLES } from '../../../shared/permissions';
import { useReportError } from '../../lib/errors';
import { m } from '../../i18n';
import { useSetUserStatus, useUnlockUser } from './users.api';
import { isLocked, type UserDialog } from './userDialogs';

/** 编辑 plus 更多操作 (reset password, disable/enable, unlock), each destructive one confirmed. */
export function UserActions({ user, onDialog }: { user: User; onDialog: (d: UserDialog) => void }) {
  const { modal, message } = App.useApp();
  const setStatus = useSetUserStatus();
  const unlock = useUnlockUser();
  const report = useReportError();
  const disabling = user.status === 'active';

  const confirmStatus = () =>
    modal.confirm({
      title: disabling ? m.users.confirmDisable(user.displayName) : m.users.confirmEnable(user.displayName),
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      okButtonProps: { danger: disabling },
      onOk: () =>
        setStatus
          .mutateAsync({ id: user.id, status: disabling ? 'disabled' : 'active' })
          .then(() => message.success(m.users.statusDone), report),
    });
  const confirmUnlock = () =>
    modal.confirm({
      title: m.users.confirmUnlock(user.displayName),
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: () => unlock.mutateAsync(user.id).then(() => message.success(m.users.unlocked), report),
    });

  // 三员分立: administrators are made and reset on the server's command line only.
  if (user.roles.some((r) => ADMIN_ROLES.includes(r)))
    return (
      <Tooltip title={m.users.adminByCliHint}>
        <Typography.Text type="secondary" data-testid={`user-cli-${user.username}`}>
          {m.users.adminByCli}
        </Typography.Text>
      </Tooltip>
    );

  const items = [
    { key: 'reset', label: m.users.resetPassword },
    { key: 'status', label: disabling ? m.users.disable : m.users.enable, danger: disabling },
    ...(isLocked(user) ? [{ key: 'unlock', label: m.users.unlock }] : []),
  ];
  return (
    <Space size={4}>
      <Button size="small" onClick={() => onDialog({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
        {m.users.edit}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'reset') onDialog({ kind: 'reset', user });
            if (key === 'status') confirmStatus();
            if (key === 'unlock') confirmUnlock();
          },
        }}
      >
        <Button size="small" aria-label={`${m.users.more}：${user.username}`} data-testid={`user-more-${user.username}`}>
          {m.users.more} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
    </Space>
  );
}
