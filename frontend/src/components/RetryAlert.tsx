import { Alert, Button, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** Something could not be loaded: what, why (the backend's message) and "Tentar de novo". */
export function RetryAlert({ title, message, onRetry, maw }: { title: string; message: string; onRetry: () => void; maw?: number }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden="true" />} maw={maw}>
      <Text size="sm">{message}</Text>
      <Button size="compact-sm" variant="light" color="red" mt="sm" onClick={onRetry}>
        Tentar de novo
      </Button>
    </Alert>
  );
}
