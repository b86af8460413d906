import { Badge, Group } from '@mantine/core';
import type { AccountView } from '../../lib/backend';
import { ENVIRONMENT_LABELS, type Environment } from './labels';

const ENVIRONMENT_COLORS: Record<Environment, string> = {
  production: 'blue',
  sandbox: 'grape',
  simulator: 'gray',
  demo: 'gray',
};

type BadgeAccount = Pick<AccountView, 'environment' | 'environmentLabel' | 'isSimulation' | 'directIntegration'>;

/** Environment, "Simulação" (for the simulator and the demo) and the direct-integration switch. */
export function AccountBadges({ account }: { account: BadgeAccount }) {
  const env = (account.environment in ENVIRONMENT_LABELS ? account.environment : 'production') as Environment;
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={ENVIRONMENT_COLORS[env]} variant="light">
        {account.environmentLabel || ENVIRONMENT_LABELS[env]}
      </Badge>
      {account.isSimulation && (
        <Badge color="yellow" variant="filled" c="dark.9" title="Nada do que esta conta faz chega ao banco.">
          Simulação
        </Badge>
      )}
      <Badge color={account.directIntegration ? 'green' : 'gray'} variant="outline">
        {account.directIntegration ? 'Integração direta ativada' : 'Sem integração direta'}
      </Badge>
    </Group>
  );
}
