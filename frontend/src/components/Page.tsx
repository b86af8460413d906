import { Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

export const APP_NAME = 'Boletos — Banco Inter';

interface PageProps {
  /** The page name: shown as the only h1 and in the window title. */
  title: string;
  children?: ReactNode;
}

/** The frame of every routed page: one h1 (focus target after navigation) and its content. */
export function Page({ title, children }: PageProps) {
  useEffect(() => {
    document.title = `${title} | ${APP_NAME}`;
  }, [title]);

  return (
    <Stack gap="lg">
      <Title order={1} tabIndex={-1} data-page-title>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
