import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { Page } from '../components/Page';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Página não encontrada">
      <Text>
        Não existe nenhuma página em <code>{pathname}</code>. Use o menu ou volte ao início.
      </Text>
      <Anchor component={Link} to="/">
        Voltar ao Painel
      </Anchor>
    </Page>
  );
}
