import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function DashboardPage() {
  return (
    <Page title="Painel">
      <UnderConstruction>
        Aqui você verá os totais a receber, recebido e vencido, e os próximos vencimentos dos seus boletos.
      </UnderConstruction>
    </Page>
  );
}
