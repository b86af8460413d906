import { Alert, Anchor, Button, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { BackendError } from '../lib/backend';

/**
 * A boleto's or a document's page that could not be loaded: when it does not exist, says so
 * with the way to the list of boletos; otherwise the error with "Tentar de novo".
 */
export function LoadFailure({
  error,
  notFoundTitle,
  errorTitle,
  onRetry,
}: {
  error: BackendError;
  notFoundTitle: string;
  errorTitle: string;
  onRetry: () => void;
}) {
  if (error.code === 'not_found') {
    return (
      <Alert color="yellow" title={notFoundTitle} maw={720}>
        <Text size="sm">{error.message}</Text>
        <Anchor component={Link} to="/boletos" size="sm">
          Ver a lista de boletos
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="red" title={errorTitle} maw={720}>
      <Text size="sm">{error.message}</Text>
      <Button mt="sm" size="xs" variant="white" color="red" onClick={onRetry}>
        Tentar de novo
      </Button>
    </Alert>
  );
}
