import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex, Tag, Typography, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../shared/permissions';
import { useLogout } from '../features/auth/auth.api';
import { useCurrentUser } from '../lib/permissions';
import { m } from '../i18n';
import { CHANGE_PASSWORD_PATH } from './guards';

/** Who is signed in (name, roles, scope) and the account actions. */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();

  const who = `${me.roles.map((r) => ROLE_LABELS[r]).join('、')} · ${me.scope.label}`;
  const items: MenuProps['items'] = [
    // On a phone the header has no room for roles and scope: they head the menu instead.
    ...(compact ? [{ key: 'who', type: 'group' as const, label: who }, { type: 'divider' as const }] : []),
    { key: 'profile', icon: <UserOutlined aria-hidden />, label: m.nav.profile },
    { key: 'password', icon: <KeyOutlined aria-hidden />, label: m.nav.changePassword },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: m.nav.logout, danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate('/profile');
    if (key === 'password') void navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout')
      logout.mutate(undefined, {
        onSettled: () => {
          // The next user must not see the previous user's notices.
          message.destroy();
          message.success(m.nav.loggedOut);
          void navigate('/login', { replace: true });
        },
      });
  };

  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      {compact ? null : (
        <Flex align="center" gap={4} wrap={false} style={{ minWidth: 0 }} data-testid="current-user-roles">
          {me.roles.map((r) => (
            <Tag key={r} color="geekblue" style={{ marginInlineEnd: 0 }}>
              {ROLE_LABELS[r]}
            </Tag>
          ))}
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 200 }}>
            {me.scope.label}
          </Typography.Text>
        </Flex>
      )}
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        {/* The accessible name starts with the visible name (WCAG 2.5.3: voice users say what they see). */}
        <Button type="text" aria-label={`${me.displayName} ${m.nav.userMenu}`} data-testid="user-menu" style={{ height: 40 }}>
          <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ backgroundColor: '#1f6fb2' }} />
          <span
            style={{
              maxWidth: compact ? 96 : 160,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
          >
            {me.displayName}
          </span>
        </Button>
      </Dropdown>
    </Flex>
  );
}
