import { Alert } from '@mantine/core';
import { IconHammer } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The notice a page shows until its feature lands; `children` says what the page will do. */
export function UnderConstruction({ children }: { children: ReactNode }) {
  return (
    <Alert
      role="note"
      variant="light"
      color="blue"
      title="Em construção"
      icon={<IconHammer aria-hidden="true" />}
      maw={720}
    >
      {children}
    </Alert>
  );
}
