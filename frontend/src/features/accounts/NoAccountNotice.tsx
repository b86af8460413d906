import { Anchor, Button, EmptyState, Loader, Text } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AccountView } from '../../lib/backend';
import { LoadError } from './AccountList';
import { useAccounts } from './useAccountChoice';

const TITLE = 'Nenhuma conta bancária cadastrada';
const GO = 'Ir para Contas bancárias';

/**
 * What a screen that needs a bank account shows when there is none: why, and the way to
 * Contas bancárias. `compact` is one line of text, for a section inside a larger page.
 */
export function NoAccountNotice({ description, compact = false }: { description: string; compact?: boolean }) {
  if (compact) {
    return (
      <Text size="sm">
        {TITLE}: {description}{' '}
        <Anchor component={Link} to="/contas">
          {GO}
        </Anchor>
      </Text>
    );
  }
  return (
    <EmptyState
      icon={<IconBuildingBank size={32} aria-hidden="true" />}
      variant="light"
      title={TITLE}
      description={description}
      maw={640}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/contas" leftSection={<IconBuildingBank size={18} aria-hidden="true" />}>
          {GO}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/**
 * Loads the accounts and renders `children` with them; while loading a spinner, on failure
 * the error with "Tentar de novo", and with no account the NoAccountNotice (`noAccount` is
 * its description).
 */
export function WithAccounts({
  noAccount,
  children,
}: {
  noAccount: string;
  children: (accounts: AccountView[]) => ReactNode;
}) {
  const { state, reload } = useAccounts();
  if (state.status === 'loading') return <Loader aria-label="Carregando as contas bancárias" />;
  if (state.status === 'error') {
    return <LoadError title="Não foi possível carregar as contas" message={state.error.message} onRetry={reload} />;
  }
  return state.data.length === 0 ? <NoAccountNotice description={noAccount} /> : children(state.data);
}
