import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { BackendError } from '../lib/backend';
import { RetryAlert } from './RetryAlert';

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
    <RetryAlert title={errorTitle} message={error.message} onRetry={onRetry} maw={720} />
  );
}
