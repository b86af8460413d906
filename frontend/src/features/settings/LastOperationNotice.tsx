import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { OperationView } from '../../lib/backend';

const TITLES: Record<string, [ok: string, failed: string]> = {
  move: ['Pasta dos dados movida', 'A pasta dos dados não foi movida'],
  restore: ['Backup restaurado', 'O backup não foi restaurado'],
};

/** The title of an operation's outcome: "Backup restaurado", "A pasta dos dados não foi movida"… */
export function operationTitle(operation: OperationView): string {
  const [ok, failed] = TITLES[operation.op] ?? ['Operação concluída', 'A operação não foi feita'];
  return operation.ok ? ok : failed;
}

/** What the move or restore asked for before the restart did, shown once the program is back. */
export function LastOperationNotice({ operation }: { operation: OperationView }) {
  const title = operationTitle(operation);
  const need = operation.needCredentials ?? [];
  return (
    <Alert
      color={operation.ok ? 'green' : 'red'}
      title={title}
      icon={operation.ok ? <IconCircleCheck aria-hidden="true" /> : <IconAlertCircle aria-hidden="true" />}
      role="status"
      aria-label={title}
    >
      <Text size="sm">{operation.message}</Text>
      {operation.ok && need.length > 0 && (
        <Text size="sm" mt="xs">
          <Anchor component={Link} to="/contas">
            Ir para Contas bancárias
          </Anchor>{' '}
          para cadastrar o certificado e o client secret de {need.join(', ')}.
        </Text>
      )}
    </Alert>
  );
}
