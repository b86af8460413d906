import { Alert, AppShell, Burger, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { NotificationBell } from '../features/notifications';
import { useLastOperationToast } from '../features/settings';
import { useNotices } from '../hooks/useNotices';
import { useSystemInfo, type SystemInfoState } from '../hooks/useSystemInfo';
import { mainNavigation, navigationGroups, type NavEntry } from '../navigation';
import { APP_NAME } from './Page';

/** The frame around every page: header, navigation and the routed page in <main>. */
export function Shell() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // Below the `sm` breakpoint the navbar slides over the page; while closed it must not
  // catch keyboard focus or screen readers.
  const isMobile = useMediaQuery('(max-width: 47.99em)');
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  const system = useSystemInfo();
  useNotices();
  useLastOperationToast();

  // After a navigation, close the mobile menu and move focus to the new page's title so
  // keyboard and screen-reader users land on the content they asked for.
  useEffect(() => {
    closeNav();
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [pathname, closeNav]);

  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    // The hash belongs to the router; focus the content instead of following the link.
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <a className="skip-link" href="#conteudo" onClick={skipToContent}>
          Pular para o conteúdo
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Fechar menu' : 'Abrir menu'}
              aria-expanded={navOpened}
              aria-controls="navegacao"
            />
            <Text component="span" fw={700} size="lg">
              {APP_NAME}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <VersionText state={system} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="navegacao"
        aria-label="Navegação principal"
        p="sm"
        inert={isMobile && !navOpened}
      >
        <AppShell.Section grow component={ScrollArea}>
          {mainNavigation.map((entry) => (
            <NavItem key={entry.path} entry={entry} active={pathname === entry.path} />
          ))}
          {navigationGroups.map((group) => (
            <NavGroupSection key={group.label} label={group.label}>
              {group.entries.map((entry) => (
                <NavItem key={entry.path} entry={entry} active={pathname === entry.path} />
              ))}
            </NavGroupSection>
          ))}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="conteudo" ref={mainRef} tabIndex={-1} className="app-main">
        <SystemWarnings state={system} />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function NavItem({ entry, active }: { entry: NavEntry; active: boolean }) {
  const Icon = entry.icon;
  return (
    <NavLink
      component={Link}
      to={entry.path}
      label={entry.label}
      leftSection={<Icon size={18} stroke={1.6} aria-hidden="true" />}
      active={active}
      aria-current={active ? 'page' : undefined}
    />
  );
}

function NavGroupSection({ label, children }: { label: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <Text id={id} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="md" mb={4}>
        {label}
      </Text>
      {children}
    </div>
  );
}

/** Problems of the installation (e.g. no keychain) the user should fix, above every page. */
function SystemWarnings({ state }: { state: SystemInfoState }) {
  if (state.status !== 'ready' || !state.info.warnings?.length) return null;
  return (
    <Stack gap="xs" mb="md">
      {state.info.warnings.map((warning) => (
        <Alert key={warning} color="yellow" title="Atenção" icon={<IconAlertTriangle aria-hidden="true" />}>
          {warning}
        </Alert>
      ))}
    </Stack>
  );
}

function VersionText({ state }: { state: SystemInfoState }) {
  switch (state.status) {
    case 'loading':
      return <Loader size="xs" aria-label="Carregando a versão do programa" />;
    case 'ready':
      return (
        <Text size="sm" c="dimmed" title={`Pasta de dados: ${state.info.dataDir}`}>
          Versão {state.info.version}
        </Text>
      );
    case 'error':
      return (
        <Text size="sm" c="dimmed" title={state.error.message}>
          Versão indisponível
        </Text>
      );
  }
}
